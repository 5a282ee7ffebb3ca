using k8s;
using k8s.Models;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// What the node itself takes, as the limits beside an Ephemeral run's split: a bare Job (the probes' image listing its
/// scenarios: a pod of the probe pods' image started and done) applied → Complete, and a bare Deployment (the auth chart's
/// objects applied directly, no helm and no Job: one release's pod started and ready) applied → rollout complete. Both
/// from the API server's own timestamps, as the run's split is.
/// </summary>
public static class NodeLimits
{
    public sealed record Figures(double JobSeconds, double DeploymentSeconds);

    public static async Task<Figures> MeasureAsync(ClusterFixture cluster)
    {
        var ns = await cluster.CreateNamespaceAsync("bare");
        try
        {
            return new Figures(await JobAsync(cluster, ns), await DeploymentAsync(cluster, ns));
        }
        finally
        {
            await cluster.Admin.CoreV1.DeleteNamespaceAsync(ns);
        }
    }

    private static async Task<double> JobAsync(ClusterFixture cluster, string ns)
    {
        var pod = new V1PodSpec
        {
            AutomountServiceAccountToken = false,
            Containers = [new V1Container { Name = "probes", Image = OneNodeCluster.Image("netra-probes"), Args = ["list"] }],
        };
        var job = RestrictedPod.RunOnce(pod, new Dictionary<string, string> { ["app"] = "bare-job" }, activeDeadlineSeconds: 300);
        await cluster.Admin.BatchV1.CreateNamespacedJobAsync(
            new V1Job { Metadata = new V1ObjectMeta { Name = "bare-job" }, Spec = job }, ns);
        V1Job? done = null;
        await Eventually.WaitUntilAsync(
            async () => (done = await cluster.Admin.BatchV1.ReadNamespacedJobAsync("bare-job", ns)).Status?.CompletionTime is not null,
            $"Job {ns}/bare-job Complete", ClusterFixture.Deadline);
        return Seconds(done!.Metadata.CreationTimestamp, done.Status.CompletionTime);
    }

    private static async Task<double> DeploymentAsync(ClusterFixture cluster, string ns)
    {
        var chart = new HelmChart("netra-auth");
        foreach (var item in chart.Render(ChartValues.Auth(ClusterFixture.NoVolumes()).ToJsonString(), releaseNamespace: ns))
        {
            await ChartObjects.ApplyAsync(cluster.Admin, item, ns);
        }

        // Rollout complete: the Deployment controller marks its new ReplicaSet available (what kubectl rollout status waits for).
        V1Deployment? deployment = null;
        await Eventually.WaitUntilAsync(
            async () => (deployment = await cluster.Admin.AppsV1.ReadNamespacedDeploymentAsync(chart.Name, ns)).Status?.Conditions?
                .Any(c => c is { Type: "Progressing", Reason: "NewReplicaSetAvailable" }) == true,
            $"Deployment {ns}/{chart.Name} rolled out", ClusterFixture.Deadline);
        var complete = deployment!.Status.Conditions.Single(c => c.Type == "Progressing");
        return Seconds(deployment.Metadata.CreationTimestamp, complete.LastUpdateTime);
    }

    private static double Seconds(DateTime? from, DateTime? to) => (to!.Value - from!.Value).TotalSeconds;
}
