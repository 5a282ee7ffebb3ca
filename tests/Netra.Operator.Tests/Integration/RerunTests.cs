using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>What CI jobs and GitOps tools do with TestRuns: wait once for the end whatever the outcome, run the same TestRun again.</summary>
public sealed class RerunTests(OperatorTestBedFixture bed) : WithOperator(bed, "rerun")
{
    [Fact]
    public async Task A_watch_for_Finished_as_kubectl_wait_does_returns_within_seconds_of_a_failed_end()
    {
        var ns = await Bed.CreateNamespaceAsync("wait");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: unreachable}
            spec:
              scenarios: [auth-service-independence]
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);

        var finished = await WaitForFinishedAsync(ns, "unreachable");

        var seen = DateTimeOffset.UtcNow;
        Assert.Equal(Phases.Failed, finished.Status!.Phase);
        Assert.InRange(seen - finished.Status.CompletionTime!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        // Nothing answers at the endpoints: the probes' preflight says so before any case.
        Assert.Equal(Reasons.PreflightFailed, finished.Status.Conditions.Find(ConditionTypes.Finished)!.Reason);
    }

    [Fact]
    public async Task Editing_a_finished_run_runs_it_again_keeps_the_previous_result_and_catches_up_observedGeneration()
    {
        var ns = await Bed.CreateNamespaceAsync("edited");
        var created = await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: edited}
            spec:
              scenarios: [auth-service-independence]
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);
        var first = await WaitForFinishedAsync(ns, "edited");

        await Bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"retries":1}}""", V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, "edited");
        TestRun? second = null;
        await Eventually.WaitUntilAsync(
            async () => (second = await Bed.ReadRunAsync(ns, "edited"))?.Status is { Run: 2 } status && status.Conditions.IsTrue(ConditionTypes.Finished),
            "the second run finished", OperatorTestBed.Deadline);

        var status = second!.Status!;
        Assert.Equal(2, second.Metadata.Generation);
        Assert.Equal(2, status.ObservedGeneration);
        Assert.All(status.Conditions, c => Assert.Equal(2, c.ObservedGeneration));
        var previous = Assert.Single(status.History);
        Assert.Equal((1, Phases.Failed, first.Status!.CompletionTime), (previous.Run, previous.Phase, previous.CompletionTime));
        // A failed preflight ends the run at once, retries or not.
        Assert.Equal(1, status.Scenarios.Single().Attempts);
        var uid = created.Metadata.Uid[..8];
        var jobs = (await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items.Select(j => j.Metadata.Name).Order();
        Assert.Equal([$"edited-{uid}-a1-s0", $"edited-{uid}-r2-a1-s0"], jobs);
    }

    [Fact]
    public async Task A_new_rerun_annotation_runs_a_finished_run_again_and_the_value_it_was_created_with_does_not()
    {
        var ns = await Bed.CreateNamespaceAsync("annotated");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata:
              name: again
              annotations: {netra.io/rerun: "1"}
            spec:
              scenarios: [auth-service-independence]
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);
        await WaitForFinishedAsync(ns, "again");

        await Annotate(ns, "again", "2");
        await Eventually.WaitUntilAsync(
            async () => (await Bed.ReadRunAsync(ns, "again"))?.Status is { Run: 2, Rerun: "2" } status && status.Conditions.IsTrue(ConditionTypes.Finished),
            "the second run finished", OperatorTestBed.Deadline);

        // The annotation the run was created with did not run it a second time before: one probe Job per run.
        Assert.Equal(2, (await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items.Count);
    }

    private Task<object> Annotate(string ns, string name, string value)
    {
        var patch = "{\"metadata\":{\"annotations\":{\"" + ChildNames.RerunAnnotation + "\":\"" + value + "\"}}}";
        return Bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, name);
    }

    /// <summary>What <c>kubectl wait --for=condition=Finished</c> does: watch the object until the condition is True.</summary>
    private async Task<TestRun> WaitForFinishedAsync(string ns, string name)
    {
        using var deadline = new CancellationTokenSource(OperatorTestBed.Deadline);
        var watch = Bed.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, fieldSelector: $"metadata.name={name}", cancellationToken: deadline.Token);
        await foreach (var (_, item) in watch)
        {
            var run = KubernetesJson.Deserialize<TestRun>(((System.Text.Json.JsonElement)item).GetRawText());
            if (run.Status?.Conditions.IsTrue(ConditionTypes.Finished) == true)
            {
                return run;
            }
        }

        throw new TimeoutException($"TestRun {ns}/{name} never Finished.");
    }
}
