using System.Text.Json;
using k8s;

namespace Netra.ControllerRuntime;

/// <summary>KubernetesClient's serializer options, which it hands out only to a callback meant to change them.</summary>
public static class KubernetesJsonOptions
{
    /// <summary>The options themselves, unchanged: read-only once anything has been serialized with them.</summary>
    public static JsonSerializerOptions Current
    {
        get
        {
            JsonSerializerOptions? current = null;
            KubernetesJson.AddJsonOptions(options => current = options);
            return current!;
        }
    }
}
