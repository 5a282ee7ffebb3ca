using k8s;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>The operator installed from its chart runs as pods of its image, as its ServiceAccount, one replica leading.</summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class OperatorPodTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Both_replicas_run_the_image_non_root_as_the_charts_ServiceAccount_pass_their_probes_and_one_holds_the_Lease()
    {
        var pods = (await cluster.Admin.CoreV1.ListNamespacedPodAsync(
            ClusterFixture.OperatorNamespace, labelSelector: "app.kubernetes.io/name=netra-operator")).Items;

        var running = pods.Where(p => p.Status.Phase == "Running" && p.Metadata.DeletionTimestamp is null).ToList();
        Assert.Equal(2, running.Count);
        Assert.All(running, pod =>
        {
            Assert.Equal("netra-operator", pod.Spec.ServiceAccountName);
            var container = Assert.Single(pod.Spec.Containers);
            Assert.Equal(OneNodeCluster.Image("netra-operator"), container.Image);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.Equal(65532, pod.Spec.SecurityContext.RunAsUser);
            var status = pod.Status.ContainerStatuses.Single();
            Assert.True(status.Ready, $"{pod.Metadata.Name} ready (its readiness probe, /readyz)");
            Assert.Equal(0, status.RestartCount); // its liveness probe, /healthz, never failed

        });
        string? holder = null;
        await Eventually.WaitUntilAsync(
            async () => (holder = await cluster.Runs.LeaseHolderAsync("netra-operator", ClusterFixture.OperatorNamespace)) is not null,
            "the Lease netra-system/netra-operator held", ClusterFixture.Deadline);
        Assert.Contains(holder, running.Select(p => p.Metadata.Name));
    }
}
