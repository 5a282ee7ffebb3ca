using System.Diagnostics;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A deploy whose pods no node can take (the scheduler stand-in reports an unbound PersistentVolumeClaim, as with no
/// default StorageClass) says so within seconds, not at the deploy deadline.
/// </summary>
public sealed class UnschedulablePodTests(OperatorTestBedFixture bed)
    : WithOperator(bed, "unschedulable", OperatorTestBed.Defaults with { HelmImage = $"registry.example/helm:{KubeletStandIn.UnschedulableMarker}" })
{
    [Fact]
    public async Task A_deploy_pod_no_node_can_take_fails_the_run_within_ten_seconds_saying_why()
    {
        var ns = await Bed.CreateNamespaceAsync("pending");
        var clock = Stopwatch.StartNew();
        await Bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: pending}
            spec:
              scenarios: [auth-service-independence]
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "pending", Phases.Failed, TimeSpan.FromSeconds(30));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.DeployFailed, finished.Reason);
        Assert.Contains("Unschedulable: " + KubeletStandIn.UnboundClaimMessage, finished.Message, StringComparison.Ordinal);
    }
}
