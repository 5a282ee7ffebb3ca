using System.Text.Json.Serialization;
using k8s;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// The TestRun's JSON contract, generated at compile time. KubernetesClient serializes its own types
/// through generated contracts and anything else by reflection, which the ahead-of-time compiled
/// image cannot do for every type (nullable value types, for one); registered here, the TestRun goes
/// through a generated contract too. Names and converters still come from KubernetesClient's options.
/// </summary>
public static class TestRunJson
{
    private static int _registered;

    /// <summary>
    /// Puts the TestRun's contract first in KubernetesClient's serializer options. Call it first thing
    /// in a program: the options cannot change once anything has been serialized with them.
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            KubernetesJson.AddJsonOptions(options => options.TypeInfoResolverChain.Insert(0, TestRunJsonContext.Default));
        }
    }
}

[JsonSerializable(typeof(TestRun))]
[JsonSerializable(typeof(TestRunSchedule))]
internal sealed partial class TestRunJsonContext : JsonSerializerContext;
