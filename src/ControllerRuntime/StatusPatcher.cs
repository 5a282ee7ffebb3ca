using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>
/// Writes a custom resource's status through its /status subresource: a merge patch carrying the
/// resourceVersion it was computed from, so a write based on a stale read is refused (409); then the
/// object is read again, the status computed again, and the patch retried.
/// </summary>
public sealed class StatusPatcher<T>(IKubernetes client, string group, string version, string plural)
    where T : IKubernetesObject<V1ObjectMeta>
{
    public const int MaxAttempts = 5;

    /// <summary>Conflicts met and retried, for metrics and tests.</summary>
    public int Conflicts { get; private set; }

    /// <summary>
    /// Patches the status that <paramref name="desired"/> computes from the object; returns false
    /// (and writes nothing) when it is null or equal to the current one. A merge patch leaves alone what it does not
    /// name: each of <paramref name="clearable"/> (top-level status fields) that the status lacks is removed explicitly.
    /// </summary>
    public async Task<bool> PatchAsync<TStatus>(
        T current,
        Func<T, TStatus?> desired,
        Func<T, TStatus?> currentStatus,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? clearable = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var status = desired(current);
            if (status is null || JsonEquality.Same(status, currentStatus(current)))
            {
                return false;
            }

            var written = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
            foreach (var field in (clearable ?? []).Where(field => !written.ContainsKey(field)))
            {
                written[field] = null;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["status"] = written,
            };
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                    group,
                    version,
                    current.Metadata.NamespaceProperty,
                    plural,
                    current.Metadata.Name,
                    cancellationToken: cancellationToken);
                return true;
            }
            catch (Exception error) when (ApiErrors.IsConflict(error) && attempt < MaxAttempts)
            {
                Conflicts++;
                current = KubernetesJson.Deserialize<T>(
                    ((System.Text.Json.JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(
                        group, version, current.Metadata.NamespaceProperty, plural, current.Metadata.Name, cancellationToken))
                    .GetRawText());
            }
        }
    }
}
