using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Netra.Charts;

/// <summary>
/// Rendered chart objects in a cluster, as helm handles them: created, and asked whether they are ready as
/// <c>helm --wait</c> asks. The kinds the repository's charts render.
/// </summary>
public static class ChartObjects
{
    /// <summary>
    /// Creates the object; one already there (a deploy pod run again) is left as it is. (Server-side apply would be helm's
    /// upgrade, but Kubernetes 1.20 refuses it for a Service whose ports omit their default protocol.)
    /// </summary>
    public static async Task ApplyAsync(IKubernetes client, JsonObject item, string ns, CancellationToken cancellationToken = default)
    {
        try
        {
            await CreateAsync(client, item, ns, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    private static async Task CreateAsync(IKubernetes client, JsonObject item, string ns, CancellationToken cancellationToken)
    {
        var json = item.ToJsonString();
        switch ((string?)item["kind"])
        {
            case "CustomResourceDefinition":
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                    KubernetesJson.Deserialize<V1CustomResourceDefinition>(json), cancellationToken: cancellationToken);
                break;
            case "ClusterRole":
                await client.RbacAuthorizationV1.CreateClusterRoleAsync(
                    KubernetesJson.Deserialize<V1ClusterRole>(json), cancellationToken: cancellationToken);
                break;
            case "ClusterRoleBinding":
                await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(
                    KubernetesJson.Deserialize<V1ClusterRoleBinding>(json), cancellationToken: cancellationToken);
                break;
            case "Role":
                await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
                    KubernetesJson.Deserialize<V1Role>(json), ns, cancellationToken: cancellationToken);
                break;
            case "RoleBinding":
                await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
                    KubernetesJson.Deserialize<V1RoleBinding>(json), ns, cancellationToken: cancellationToken);
                break;
            case "ServiceAccount":
                await client.CoreV1.CreateNamespacedServiceAccountAsync(
                    KubernetesJson.Deserialize<V1ServiceAccount>(json), ns, cancellationToken: cancellationToken);
                break;
            case "Service":
                await client.CoreV1.CreateNamespacedServiceAsync(
                    KubernetesJson.Deserialize<V1Service>(json), ns, cancellationToken: cancellationToken);
                break;
            case "PersistentVolumeClaim":
                await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(
                    KubernetesJson.Deserialize<V1PersistentVolumeClaim>(json), ns, cancellationToken: cancellationToken);
                break;
            case "Deployment":
                await client.AppsV1.CreateNamespacedDeploymentAsync(
                    KubernetesJson.Deserialize<V1Deployment>(json), ns, cancellationToken: cancellationToken);
                break;
            case "NetworkPolicy":
                await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(
                    KubernetesJson.Deserialize<V1NetworkPolicy>(json), ns, cancellationToken: cancellationToken);
                break;
            case "PodDisruptionBudget":
                await CreateBudgetAsync(client, item, ns, cancellationToken);
                break;
            default:
                throw new NotSupportedException($"No way to create a {item["kind"]} here.");
        }
    }

    /// <summary>
    /// A PodDisruptionBudget at the version the chart chose: <c>policy/v1beta1</c> on Kubernetes 1.20, which the client
    /// has no typed call for (its fields are v1's).
    /// </summary>
    private static async Task CreateBudgetAsync(IKubernetes client, JsonObject item, string ns, CancellationToken cancellationToken)
    {
        var version = ((string)item["apiVersion"]!).Split('/')[1];
        using var budgets = new GenericClient(client, "policy", version, "poddisruptionbudgets", disposeClient: false);
        await budgets.CreateNamespacedAsync(KubernetesJson.Deserialize<V1PodDisruptionBudget>(item.ToJsonString()), ns, cancellationToken);
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
