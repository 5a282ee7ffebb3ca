using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// The TestRun's JSON contract, generated at compile time. KubernetesClient serializes its own types
/// through generated contracts and anything else by reflection, which the ahead-of-time compiled
/// image cannot do for every type (nullable value types, for one); registered here, the TestRun goes
/// through a generated contract too, as do its lists. Names and converters still come from
/// KubernetesClient's options, where a chart's reader that drops values over the bound is added.
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
            KubernetesJson.AddJsonOptions(Configure);
        }
    }

    /// <summary>
    /// KubernetesClient's options without the chart reader that drops values over the bound, for a manifest read as its
    /// author wrote it: a run is refused for such values when it is validated; only what the operator reads from the
    /// API server, again and again, is never read whole.
    /// </summary>
    public static JsonSerializerOptions ManifestOptions => Manifests.Value;

    private static readonly Lazy<JsonSerializerOptions> Manifests = new(() =>
    {
        var options = new JsonSerializerOptions(KubernetesJsonOptions.Current);
        foreach (var bounded in options.Converters.OfType<BoundedChartSpecConverter>().ToList())
        {
            options.Converters.Remove(bounded);
        }

        return options;
    });

    internal static void Configure(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, TestRunJsonContext.Default);
        options.Converters.Add(new BoundedChartSpecConverter());
    }
}

[JsonSerializable(typeof(TestRun))]
[JsonSerializable(typeof(TestRunSchedule))]
[JsonSerializable(typeof(CustomObjectList<TestRun>))]
[JsonSerializable(typeof(CustomObjectList<TestRunSchedule>))]
internal sealed partial class TestRunJsonContext : JsonSerializerContext;
