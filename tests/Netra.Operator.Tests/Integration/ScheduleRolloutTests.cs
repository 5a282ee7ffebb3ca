using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// Rollout triggers on the test control plane, which runs no deployment controller: the tests write a Deployment's
/// status as that controller would once every replica runs the new pod template.
/// </summary>
public sealed class ScheduleRolloutTests(OperatorTestBedFixture bed) : WithOperator(bed, "rollout")
{
    private static readonly Dictionary<string, string> Backend = new() { ["tier"] = "backend" };

    private static string Schedule(string name, string settle) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRunSchedule
        metadata: {name: {{name}}}
        spec:
          triggers:
            rollouts:
              selector:
                matchLabels: {tier: backend}
              settleTime: {{settle}}
        {{ScheduleBed.FailingTemplate}}
        """;

    [Fact]
    public async Task A_completed_rollout_of_a_new_pod_template_starts_exactly_one_run()
    {
        var ns = await Bed.CreateNamespaceAsync("rollout");
        await Bed.CreateDeploymentAsync(ns, "api", "api:1", Backend);
        await Bed.WriteRolloutStatusAsync(ns, "api");
        await Bed.CreateScheduleAsync(ns, Schedule("after-deploy", "1s"));
        var baseline = await Bed.WaitForScheduleAsync(
            ns, "after-deploy", s => s.Status?.Workloads.Count == 1, "the Deployment accounted for");
        var before = baseline.Status!.Workloads[0].Revision;

        await Bed.SetImageAsync(ns, "api", "api:2");
        await Bed.WriteRolloutStatusAsync(ns, "api", updated: 1);
        await Bed.WaitForScheduleAsync(
            ns,
            "after-deploy",
            s => s.Status?.Conditions.Find(ConditionTypes.Ready)?.Reason == "RollingOut",
            "the rollout seen in progress");
        Assert.Empty(await Bed.ScheduledRunsAsync(ns, "after-deploy"));

        await Bed.WriteRolloutStatusAsync(ns, "api");
        var triggered = await Bed.WaitForScheduleAsync(ns, "after-deploy", s => s.Status?.LastTrigger?.Run is not null, "a run started");
        // Further changes that are no new template (a status write, a label) start nothing more.
        await Bed.WriteRolloutStatusAsync(ns, "api");
        await Bed.WaitForScheduleAsync(
            ns, "after-deploy", s => s.Status?.Results.Count == 1 && s.Status.Active.Count == 0, "the run finished and recorded");

        var run = Assert.Single(await Bed.ScheduledRunsAsync(ns, "after-deploy"));
        Assert.Equal(triggered.Status!.LastTrigger!.Run, run.Metadata.Name);
        var workload = Assert.Single(triggered.Status.LastTrigger.Workloads);
        Assert.Equal(("api", TriggerReasons.Rollout), (workload.Name, triggered.Status.LastTrigger.Reason));
        Assert.NotEqual(before, workload.Revision);
        Assert.Contains("RunStarted", await Bed.ScheduleEventReasonsAsync(ns, "after-deploy"));
    }

    [Fact]
    public async Task A_triggered_run_that_fails_writes_its_verdict_and_an_event_to_the_deployment_once()
    {
        var ns = await Bed.CreateNamespaceAsync("verdict");
        await Bed.CreateDeploymentAsync(ns, "api", "api:1", Backend);
        await Bed.SetDeploymentRevisionAsync(ns, "api", 1);
        await Bed.WriteRolloutStatusAsync(ns, "api");
        await Bed.CreateScheduleAsync(ns, Schedule("verify", "1s"));
        await Bed.WaitForScheduleAsync(ns, "verify", s => s.Status?.Workloads.Count == 1, "the Deployment accounted for");

        await Bed.SetImageAsync(ns, "api", "api:2");
        await Bed.SetDeploymentRevisionAsync(ns, "api", 2);
        await Bed.WriteRolloutStatusAsync(ns, "api");
        var finished = await Bed.WaitForScheduleAsync(ns, "verify", s => s.Status?.Results.Count == 1, "the triggered run finished");

        var run = Assert.Single(await Bed.ScheduledRunsAsync(ns, "verify"));
        var verifies = run.Metadata.Annotations[VerifiedWorkloads.RunAnnotation];
        Assert.StartsWith($"Deployment/{ns}/api@", verifies, StringComparison.Ordinal);
        Assert.Equal(Phases.Failed, finished.Status!.Results[0].Phase);
        string? verified = null;
        await Eventually.WaitUntilAsync(
            async () => (verified = (await Bed.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns)).Metadata.Annotations
                    .TryGetValue(VerdictWriteback.Annotation, out var value) ? value : null) is not null,
            "the verdict written to the Deployment",
            OperatorTestBed.Deadline);
        Assert.Equal("2:Failed", verified);
        var events = await Bed.DeploymentEventsAsync(ns, "api");
        var written = Assert.Single(events, e => e.Reason == "VerificationFailed");
        Assert.Equal("Warning", written.Type);
        Assert.Contains(run.Metadata.Name, written.Message, StringComparison.Ordinal);

        // A later reconcile (a status write starts one) finds the verdict written and neither patches nor records again.
        await Bed.WriteRolloutStatusAsync(ns, "api");
        await Bed.WaitForScheduleAsync(ns, "verify", s => s.Status?.Conditions.Find(ConditionTypes.Ready) is not null, "reconciled");
        Assert.Single(await Bed.DeploymentEventsAsync(ns, "api"), e => e.Reason == "VerificationFailed");
    }

    [Fact]
    public async Task Two_deployments_rolling_out_together_start_one_run_naming_both()
    {
        var ns = await Bed.CreateNamespaceAsync("together");
        await Bed.CreateDeploymentAsync(ns, "api", "api:1", Backend);
        await Bed.CreateDeploymentAsync(ns, "worker", "worker:1", Backend);
        await Bed.CreateDeploymentAsync(ns, "db", "db:1", new Dictionary<string, string> { ["tier"] = "data" });
        await Bed.CreateScheduleAsync(ns, Schedule("release", "3s"));
        await Bed.WaitForScheduleAsync(ns, "release", s => s.Status?.Workloads.Count == 2, "both backend Deployments accounted for");

        await Bed.SetImageAsync(ns, "api", "api:2");
        await Bed.SetImageAsync(ns, "worker", "worker:2");
        await Bed.SetImageAsync(ns, "db", "db:2");
        await Bed.WriteRolloutStatusAsync(ns, "api");
        await Bed.WaitForScheduleAsync(ns, "release", s => s.Status?.PendingRollouts?.Workloads.Count == 1, "the first rollout pending");
        await Bed.WriteRolloutStatusAsync(ns, "worker");
        await Bed.WriteRolloutStatusAsync(ns, "db");

        var triggered = await Bed.WaitForScheduleAsync(ns, "release", s => s.Status?.LastTrigger?.Run is not null, "a run started");
        await Bed.WaitForScheduleAsync(ns, "release", s => s.Status?.Results.Count == 1 && s.Status.Active.Count == 0, "the run recorded");

        Assert.Single(await Bed.ScheduledRunsAsync(ns, "release"));
        Assert.Equal(["api", "worker"], triggered.Status!.LastTrigger!.Workloads.Select(w => w.Name).Order(StringComparer.Ordinal));
    }
}
