using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using k8s.Models;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>The leading operator pod killed while its run probes: the other replica takes the Lease over and finishes the
/// run from what the cluster holds, starting no probe Job twice.</summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class OperatorKilledTests(ClusterFixture cluster)
{
    [Fact]
    public async Task The_run_finishes_Succeeded_with_one_probe_Job_per_scenario_after_the_leader_pod_is_killed()
    {
        var (ns, created) = await cluster.CreateExistingRunAsync("survivor", """
            scenarios: [thread-management, auth-service-independence, message-format-validation, cross-service-auth-sync]
            parallelism: 2
            # A WebSocket case can miss its connect timeout on a loaded machine: once more before it counts.
            retries: 1
            """);
        var selector = $"{ChildNames.RunUidLabel}={created.Metadata.Uid}";
        await Eventually.WaitUntilAsync(
            async () => (await cluster.Admin.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector)).Items.Count > 0,
            "a probe Job started", ClusterFixture.Deadline);

        var leader = await cluster.Runs.LeaseHolderAsync("netra-operator", ClusterFixture.OperatorNamespace);
        Assert.NotNull(leader);
        // Killed at once, as a node failure or an OOM kill would: the Lease is not handed over and has to expire.
        await cluster.Admin.CoreV1.DeleteNamespacedPodAsync(
            leader, ClusterFixture.OperatorNamespace, new V1DeleteOptions { GracePeriodSeconds = 0 });

        var run = await cluster.WaitForFinishedAsync(ns, "survivor", TimeSpan.FromMinutes(6));

        Assert.True(run.Status!.Phase == Phases.Succeeded, run.Status.Conditions.Find(ConditionTypes.Finished)?.Message);
        Assert.NotEqual(leader, await cluster.Runs.LeaseHolderAsync("netra-operator", ClusterFixture.OperatorNamespace));
        // No child twice: one Job per scenario and attempt, at most one ProbeStarted each, whichever replica started it.
        var jobs = (await cluster.Admin.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector)).Items;
        var attempts = jobs
            .Select(j => (j.Metadata.Labels[ChildNames.ScenarioLabel], j.Metadata.Labels[ChildNames.AttemptLabel])).ToList();
        Assert.Equal(attempts.Count, attempts.Distinct().Count());
        Assert.Equal(run.Status.Scenarios.Sum(s => s.Attempts), jobs.Count);
        Assert.Equal(4, jobs.Select(j => j.Metadata.Labels[ChildNames.ScenarioLabel]).Distinct().Count());
        // An Event is recorded once its Job is created: a kill between the two loses that one Event, never adds a second.
        Assert.InRange((await cluster.Runs.EventReasonsAsync(ns, "survivor")).Count(r => r == "ProbeStarted"), jobs.Count - 1, jobs.Count);
    }
}
