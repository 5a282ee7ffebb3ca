using k8s;

namespace Netra.ControllerRuntime;

/// <summary>Two values are the same when they would be written to the API server as the same JSON.</summary>
public static class JsonEquality
{
    public static bool Same<T>(T a, T? b) =>
        b is not null && KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);
}
