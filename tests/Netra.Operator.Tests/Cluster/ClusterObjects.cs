using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Netra.Operator.Tests.Cluster;

/// <summary>Creates rendered chart objects in the cluster, as <c>helm install -n NS</c> would: the kinds the charts render.</summary>
public static class ClusterObjects
{
    public static async Task CreateAsync(Kubernetes client, JsonObject item, string ns)
    {
        var json = item.ToJsonString();
        switch ((string?)item["kind"])
        {
            case "CustomResourceDefinition":
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                    KubernetesJson.Deserialize<V1CustomResourceDefinition>(json));
                break;
            case "ClusterRole":
                await client.RbacAuthorizationV1.CreateClusterRoleAsync(KubernetesJson.Deserialize<V1ClusterRole>(json));
                break;
            case "ClusterRoleBinding":
                await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(KubernetesJson.Deserialize<V1ClusterRoleBinding>(json));
                break;
            case "Role":
                await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(KubernetesJson.Deserialize<V1Role>(json), ns);
                break;
            case "RoleBinding":
                await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(KubernetesJson.Deserialize<V1RoleBinding>(json), ns);
                break;
            case "ServiceAccount":
                await client.CoreV1.CreateNamespacedServiceAccountAsync(KubernetesJson.Deserialize<V1ServiceAccount>(json), ns);
                break;
            case "Service":
                await client.CoreV1.CreateNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(json), ns);
                break;
            case "Deployment":
                await client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<V1Deployment>(json), ns);
                break;
            case "NetworkPolicy":
                await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(KubernetesJson.Deserialize<V1NetworkPolicy>(json), ns);
                break;
            default:
                throw new NotSupportedException($"No way to create a {item["kind"]} here.");
        }
    }

    public static Task CreateNamespaceAsync(Kubernetes client, string name) =>
        client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    /// <summary>Whether every replica of the Deployment is updated and ready.</summary>
    public static async Task<bool> DeploymentReadyAsync(Kubernetes client, string ns, string name)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        var want = deployment.Spec.Replicas ?? 1;
        return deployment.Status?.ReadyReplicas == want && deployment.Status.UpdatedReplicas == want
            && deployment.Status.ObservedGeneration >= deployment.Metadata.Generation;
    }
}
