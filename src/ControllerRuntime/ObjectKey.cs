using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>The work queue's key of an object: <c>namespace/name</c>.</summary>
public static class ObjectKey
{
    public static string Of(IKubernetesObject<V1ObjectMeta> item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    public static (string Namespace, string Name) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, key) : (key[..slash], key[(slash + 1)..]);
    }
}
