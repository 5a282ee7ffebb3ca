using k8s;
using k8s.Models;

namespace Netra.Operator.Tests.Cluster;

/// <summary>Namespaces and Deployments as the cluster tests prepare and wait for them.</summary>
public static class ClusterObjects
{
    public static Task CreateNamespaceAsync(Kubernetes client, string name) =>
        client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    /// <summary>Whether every replica of the Deployment is updated and ready.</summary>
    public static async Task<bool> DeploymentReadyAsync(Kubernetes client, string ns, string name) =>
        ChartObjects.DeploymentReady(await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns));
}
