using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// What a CI job or a schedule does after a run timed out: run it again, by annotation or by a spec edit, after the first
/// run's timeout window has passed. Each next run starts afresh: a new start time, queued like any run while the caps are
/// full, its own timeout; the runs before it kept in its history. GitOps readers see it in progress from the request on.
/// </summary>
public sealed class RerunAfterTimeoutTests(OperatorTestBedFixture bed)
    : WithOperator(bed, "rerun-timeout", OperatorTestBed.Defaults with { Policy = new TenantPolicy { MaxActiveRunsPerNamespace = 1 } })
{
    [Fact]
    public async Task A_run_that_timed_out_runs_again_afresh_queued_behind_the_cap_and_reads_in_progress_from_the_request_on()
    {
        var ns = await Bed.CreateNamespaceAsync("after-timeout");
        Bed.Kubelet.Pause();
        try
        {
            await Bed.CreateRunAsync(ns, Run("again", "20s"));
            var first = (await Bed.WaitForPhaseAsync(ns, "again", Phases.Failed, TimeSpan.FromSeconds(90))).Status!;
            Assert.Equal(Reasons.TimedOut, first.Conditions.Find(ConditionTypes.Finished)!.Reason);

            // Another run takes the namespace's one slot, and keeps it while no pod runs.
            await Bed.CreateRunAsync(ns, Run("blocker", "5m"));
            await Bed.WaitForPhaseAsync(ns, "blocker", Phases.Probing);
            await Eventually.WaitUntilAsync(
                () => Task.FromResult(DateTimeOffset.UtcNow >= first.StartTime!.Value + TimeSpan.FromSeconds(25)),
                "25 s since the first run started", TimeSpan.FromSeconds(60));

            var annotated = await Annotate(ns, "again", "2");
            AssertInProgress(annotated, kstatusSees: false);
            var queued = await WaitForAsync(ns, "again", s => s is { Run: 2 } && s.Conditions.Find(ConditionTypes.Ready)?.Reason == Reasons.Queued);
            Assert.Null(queued.Status!.StartTime);
            AssertInProgress(queued, kstatusSees: true);

            await Bed.Kubelet.ResumeAsync();
            var second = (await WaitForAsync(ns, "again", s => s is { Run: 2 } && s.Conditions.IsTrue(ConditionTypes.Finished))).Status!;
            Assert.True(second.StartTime >= first.StartTime + TimeSpan.FromSeconds(25), $"run 2 started {second.StartTime}");
            Assert.Equal(Reasons.PreflightFailed, second.Conditions.Find(ConditionTypes.Finished)!.Reason);
            Assert.Equal((1, Reasons.TimedOut), (Assert.Single(second.History).Run, second.History[0].Reason));

            var edited = await Bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch("""{"spec":{"retries":1}}""", V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, "again");
            AssertInProgress(Parse(edited), kstatusSees: true);
            var third = (await WaitForAsync(ns, "again", s => s is { Run: 3 } && s.Conditions.IsTrue(ConditionTypes.Finished))).Status!;
            Assert.True(third.StartTime >= second.CompletionTime, $"run 3 started {third.StartTime}");
            Assert.Equal(Reasons.PreflightFailed, third.Conditions.Find(ConditionTypes.Finished)!.Reason);
            Assert.Equal([2, 1], third.History.Select(h => h.Run));
            var jobs = (await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items.Select(j => j.Metadata.Name).ToList();
            Assert.Contains(jobs, name => name.StartsWith("again-", StringComparison.Ordinal) && name.EndsWith("-r2-a1-s0", StringComparison.Ordinal));
            Assert.Contains(jobs, name => name.StartsWith("again-", StringComparison.Ordinal) && name.EndsWith("-r3-a1-s0", StringComparison.Ordinal));
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    private static string Run(string name, string timeout) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          timeout: {{timeout}}
          scenarios: [auth-service-independence]
          environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
        """;

    /// <summary>
    /// The Argo CD health check reads Progressing, never the previous result; kstatus (Flux) does too where it can see
    /// the request: a spec edit changes the generation, an annotation does not.
    /// </summary>
    private static void AssertInProgress(TestRun run, bool kstatusSees)
    {
        var resource = JsonNode.Parse(KubernetesJson.Serialize(run))!;
        Assert.Equal("Progressing", ArgoCdHealthCheckTests.Health(resource).Status);
        if (kstatusSees)
        {
            Assert.Equal("InProgress", Kstatus.Compute(resource));
        }
    }

    private async Task<TestRun> Annotate(string ns, string name, string value)
    {
        var patch = "{\"metadata\":{\"annotations\":{\"" + ChildNames.RerunAnnotation + "\":\"" + value + "\"}}}";
        return Parse(await Bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, name));
    }

    private async Task<TestRun> WaitForAsync(string ns, string name, Func<TestRunStatus, bool> reached)
    {
        TestRun? run = null;
        await Eventually.WaitUntilAsync(
            async () => (run = await Bed.ReadRunAsync(ns, name))?.Status is { } status && reached(status),
            $"TestRun {ns}/{name} reached the state the test waits for", TimeSpan.FromSeconds(90));
        return run!;
    }

    private static TestRun Parse(object item) => KubernetesJson.Deserialize<TestRun>(((System.Text.Json.JsonElement)item).GetRawText());
}
