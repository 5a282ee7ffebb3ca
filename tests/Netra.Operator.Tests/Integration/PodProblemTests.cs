using System.Diagnostics;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A pod that cannot run becomes the run's reason within seconds, not at the run's timeout: the kubelet
/// stand-in reports an image it cannot pull as a kubelet does (Pending, the container waiting in ImagePullBackOff).
/// </summary>
public sealed class PodProblemTests(OperatorTestBedFixture bed) : WithOperator(bed, "pods", OperatorTestBed.Defaults with { HelmImage = MissingHelm })
{
    private const string MissingHelm = $"registry.example/helm:{KubeletStandIn.MissingImageMarker}";

    [Fact]
    public async Task A_deploy_pod_stuck_on_an_image_pull_fails_the_run_within_ten_seconds_naming_the_image()
    {
        var ns = await Bed.CreateNamespaceAsync("image-pull");
        var clock = Stopwatch.StartNew();
        await Bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: no-helm}
            spec:
              scenarios: [auth-service-independence]
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "no-helm", Phases.Failed, TimeSpan.FromSeconds(30));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.DeployFailed, finished.Reason);
        Assert.Contains("ImagePullBackOff", finished.Message, StringComparison.Ordinal);
        Assert.Contains(MissingHelm, finished.Message, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(async () => (await Bed.EventReasonsAsync(ns, "no-helm")).Contains(Reasons.DeployFailed), "DeployFailed Warning event", OperatorTestBed.Deadline);
    }

    [Fact]
    public async Task A_credentials_Secret_that_does_not_exist_ends_the_run_within_seconds_naming_it_never_probing_without_it()
    {
        var ns = await Bed.CreateNamespaceAsync("no-secret");
        var clock = Stopwatch.StartNew();
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: no-secret}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                credentialsSecretRef: {name: probe-credentials-typo}
                endpoints: {{OperatorTestBed.UnreachableEndpoints}}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "no-secret", Phases.Failed, TimeSpan.FromSeconds(30));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.PreflightFailed, finished.Reason);
        Assert.Contains("secret \"probe-credentials-typo\" not found", finished.Message, StringComparison.Ordinal);
        Assert.True(run.Status.Conditions.IsTrue(ConditionTypes.Stalled));
    }

    [Fact]
    public async Task A_probe_pod_stuck_on_an_image_pull_fails_its_scenario_with_the_reason()
    {
        var ns = await Bed.CreateNamespaceAsync("probe-image");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: no-probes}
            spec:
              scenarios: [auth-service-independence]
              probe: {image: "ghcr.io/netra/netra-probes:{{KubeletStandIn.MissingImageMarker}}"}
              environment:
                mode: Existing
                endpoints: {{OperatorTestBed.UnreachableEndpoints}}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "no-probes", Phases.Failed, TimeSpan.FromSeconds(30));

        var failure = Assert.Single(run.Status!.Scenarios.Single().Failures);
        Assert.Contains("ImagePullBackOff", failure.Message, StringComparison.Ordinal);
        var ready = run.Status.Conditions.Find(ConditionTypes.Ready)!;
        Assert.Equal(Reasons.PreflightFailed, ready.Reason);
        Assert.Contains("ImagePullBackOff", ready.Message, StringComparison.Ordinal);
    }
}
