using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Netra.Charts;

/// <summary>
/// Rendered chart objects in a cluster, as helm handles them: applied (created, or brought to what the chart says:
/// server-side apply as field manager <c>helm</c>), and asked whether they are ready as <c>helm --wait</c> asks. The
/// kinds the repository's charts render.
/// </summary>
public static class ChartObjects
{
    public const string FieldManager = "helm";

    public static async Task ApplyAsync(IKubernetes client, JsonObject item, string ns, CancellationToken cancellationToken = default)
    {
        var name = (string)item["metadata"]!["name"]!;
        var patch = new V1Patch(item.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        switch ((string?)item["kind"])
        {
            case "CustomResourceDefinition":
                await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(
                    patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "ClusterRole":
                await client.RbacAuthorizationV1.PatchClusterRoleAsync(
                    patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "ClusterRoleBinding":
                await client.RbacAuthorizationV1.PatchClusterRoleBindingAsync(
                    patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "Role":
                await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "RoleBinding":
                await client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "ServiceAccount":
                await client.CoreV1.PatchNamespacedServiceAccountAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "Service":
                await client.CoreV1.PatchNamespacedServiceAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "PersistentVolumeClaim":
                await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "Deployment":
                await client.AppsV1.PatchNamespacedDeploymentAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "NetworkPolicy":
                await client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            case "PodDisruptionBudget":
                await client.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(
                    patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                break;
            default:
                throw new NotSupportedException($"No way to apply a {item["kind"]} here.");
        }
    }

    /// <summary>
    /// Null when the object is ready as <c>helm --wait</c> counts it (every replica of a Deployment updated and ready,
    /// a claim bound, anything else at once); otherwise what it still waits for.
    /// </summary>
    public static async Task<string?> NotReadyAsync(IKubernetes client, JsonObject item, string ns, CancellationToken cancellationToken = default)
    {
        var name = (string)item["metadata"]!["name"]!;
        switch ((string?)item["kind"])
        {
            case "Deployment":
                var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
                return DeploymentReady(deployment)
                    ? null
                    : $"Deployment {name}: {deployment.Status?.ReadyReplicas ?? 0} of {deployment.Spec.Replicas ?? 1} replicas ready";
            case "PersistentVolumeClaim":
                var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: cancellationToken);
                return claim.Status?.Phase == "Bound" ? null : $"PersistentVolumeClaim {name}: {claim.Status?.Phase ?? "Pending"}";
            default:
                return null;
        }
    }

    /// <summary>Whether every replica of the Deployment is updated and ready, and the controller has seen its last change.</summary>
    public static bool DeploymentReady(V1Deployment deployment)
    {
        var want = deployment.Spec.Replicas ?? 1;
        return deployment.Status?.ReadyReplicas == want && deployment.Status.UpdatedReplicas == want
            && deployment.Status.ObservedGeneration >= deployment.Metadata.Generation;
    }
}
