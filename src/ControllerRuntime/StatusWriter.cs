using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>
/// Writes a custom resource's status whole through its /status subresource, as controller-runtime's
/// <c>Status().Update</c> does: a PUT of the object's new status, carrying the resourceVersion it was read at. A field
/// the new status leaves out is gone on the server (a merge patch would keep it); a write based on a stale read is
/// refused (409), and the caller observes and decides again.
/// </summary>
public sealed class StatusWriter<TResource, TStatus>(IKubernetes client, string group, string version, string plural)
    where TResource : IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : class
{
    /// <summary>Writes refused because the object had changed since it was read, for metrics and tests.</summary>
    public int Conflicts { get; private set; }

    /// <summary>Replaces the status of <paramref name="read"/> with <paramref name="status"/>; false when refused as stale.</summary>
    public async Task<bool> ReplaceAsync(TResource read, TStatus status, CancellationToken cancellationToken)
    {
        // The object's identity, the version it was read at and the new status: the API server takes everything but the
        // status from the object it holds, so sending the spec again (a tenant's spec may be a megabyte) would only cost memory.
        var body = new JsonObject
        {
            ["apiVersion"] = read.ApiVersion,
            ["kind"] = read.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = read.Metadata.Name,
                ["namespace"] = read.Metadata.NamespaceProperty,
                ["uid"] = read.Metadata.Uid,
                ["resourceVersion"] = read.Metadata.ResourceVersion,
            },
            ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)),
        };
        using var document = JsonDocument.Parse(body.ToJsonString());
        try
        {
            // The answer is the whole object again: read typed, so that its converters keep only what they need of it.
            using var replaced = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusWithHttpMessagesAsync<TResource>(
                document.RootElement.Clone(),
                group,
                version,
                read.Metadata.NamespaceProperty,
                plural,
                read.Metadata.Name,
                cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception error) when (ApiErrors.IsConflict(error))
        {
            Conflicts++;
            return false;
        }
    }
}
