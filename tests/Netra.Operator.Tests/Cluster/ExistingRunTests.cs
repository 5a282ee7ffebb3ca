using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// An Existing-mode run against the three services running as pods: every scenario's probe Job a real pod (restricted,
/// non-root, read-only root) reaching the services through cluster DNS and kube-proxy, its summary back in the
/// termination message.
/// </summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class ExistingRunTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Every_scenario_passes_against_the_services_as_pods_with_one_completed_probe_Job_each()
    {
        var ns = await cluster.CreateNamespaceAsync("existing");
        var created = await cluster.Runs.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: smoke}
            spec:
              parallelism: 5
              timeout: 10m
              environment:
                mode: Existing
                endpoints: {{ClusterFixture.Endpoints}}
            """);

        var run = await cluster.WaitForPhaseAsync(ns, "smoke", Phases.Succeeded, TimeSpan.FromMinutes(8));

        var status = run.Status!;
        Assert.Equal(10, status.Scenarios.Count);
        Assert.All(status.Scenarios, s => Assert.True(s.Result == "Passed", $"{s.Name}: {s.Result} {string.Join("; ", s.Failures.Select(f => f.Message))}"));
        Assert.All(status.Scenarios, s => Assert.True(s.Passed > 0, $"{s.Name} reported no passed case"));
        Assert.Equal(0, status.Summary!.Failed);
        Assert.Equal(status.Scenarios.Sum(s => s.Passed), status.Summary.Passed);
        var jobs = (await cluster.Admin.BatchV1.ListNamespacedJobAsync(ns, labelSelector: $"{ChildNames.RunUidLabel}={created.Metadata.Uid}")).Items;
        Assert.Equal(10, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(1, job.Status.Succeeded));
    }
}
