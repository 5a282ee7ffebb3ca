using System.Globalization;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
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
    public async Task Every_case_of_every_scenario_passes_against_the_services_as_pods_with_one_completed_probe_Job_each()
    {
        var (ns, created) = await cluster.CreateExistingRunAsync("smoke", """
            profile: Full
            parallelism: 3
            # Cases that time token expiry in seconds can miss on a loaded machine: once more before they count.
            retries: 1
            timeout: 10m
            """);

        var run = await cluster.WaitForFinishedAsync(ns, "smoke", TimeSpan.FromMinutes(8));
        Assert.True(run.Status!.Phase == Phases.Succeeded, run.Status.Conditions.Find(ConditionTypes.Finished)?.Message);

        var status = run.Status!;
        Assert.Equal(10, status.Scenarios.Count);
        Assert.All(status.Scenarios, ClusterFixture.AssertPassed);
        Assert.All(status.Scenarios, s => Assert.True(s.Passed > 0, $"{s.Name} reported no passed case"));
        Assert.Equal(0, status.Summary!.Failed);
        Assert.Equal(0, status.Summary.Skipped);
        Assert.Equal(status.Scenarios.Sum(s => s.Passed), status.Summary.Passed);
        // One probe Job per attempt (a retried scenario has two), the last of each scenario Complete.
        var selector = $"{ChildNames.RunUidLabel}={created.Metadata.Uid}";
        var jobs = (await cluster.Admin.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector)).Items;
        Assert.Equal(status.Scenarios.Sum(s => s.Attempts), jobs.Count);
        static int Attempt(V1Job job) => int.Parse(job.Metadata.Labels[ChildNames.AttemptLabel], CultureInfo.InvariantCulture);
        Assert.All(jobs.GroupBy(j => j.Metadata.Labels[ChildNames.ScenarioLabel]), attempts =>
            Assert.Equal(1, attempts.MaxBy(Attempt)!.Status.Succeeded));
    }
}
