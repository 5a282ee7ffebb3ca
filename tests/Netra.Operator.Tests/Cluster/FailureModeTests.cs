using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Cluster;

/// <summary>What a user meets on a real node, surfacing as the run's reason: an image that does not exist, a probe pod
/// killed for memory, a run past its deadline.</summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class FailureModeTests(ClusterFixture cluster)
{
    /// <summary>A registry on a port nothing listens on: a pull from it fails at once and nothing leaves the machine.</summary>
    public const string MissingRegistry = "127.0.0.1:1";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_probe_image_that_does_not_exist_fails_the_run_as_PreflightFailed_naming_the_image()
    {
        // A registry on a loopback port nothing listens on: the pull is refused at once and nothing leaves the machine.
        const string Missing = $"{MissingRegistry}/netra/netra-probes:does-not-exist";
        var (ns, _) = await cluster.CreateExistingRunAsync("no-image", $$"""
            scenarios: [auth-service-independence]
            probe: {image: "{{Missing}}"}
            """);

        var run = await cluster.WaitForPhaseAsync(ns, "no-image", Phases.Failed, Deadline);

        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.PreflightFailed, finished.Reason);
        Assert.Contains(Missing, finished.Message, StringComparison.Ordinal);
        Assert.Matches("ErrImagePull|ImagePullBackOff", finished.Message);
    }

    [Fact]
    public async Task A_probe_pod_killed_for_memory_fails_its_scenario_naming_OOMKilled()
    {
        // 16 MiB: the runtime is killed while it starts, before it could read the limit and size its heap under it.
        var (ns, _) = await cluster.CreateExistingRunAsync("small", """
            scenarios: [auth-service-independence]
            probe: {resources: {limits: {memory: 16Mi}}}
            """);

        var run = await cluster.WaitForPhaseAsync(ns, "small", Phases.Failed, Deadline);

        var scenario = Assert.Single(run.Status!.Scenarios);
        Assert.Equal("Failed", scenario.Result);
        Assert.Contains(scenario.Failures, f => f.Message?.Contains("OOMKilled", StringComparison.Ordinal) == true);
        var finished = run.Status.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Contains("OOMKilled", finished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_its_timeout_fails_as_TimedOut()
    {
        var (ns, _) = await cluster.CreateExistingRunAsync("hurried", "timeout: 3s");

        var run = await cluster.WaitForPhaseAsync(ns, "hurried", Phases.Failed, Deadline);

        Assert.Equal(Reasons.TimedOut, run.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason);
    }
}
