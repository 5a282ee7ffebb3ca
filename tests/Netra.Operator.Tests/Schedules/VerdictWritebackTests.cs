using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

/// <summary>
/// What a finished rollout-triggered run writes back to the workloads it verified: the annotation's value (the
/// revision a health check can read, and the verdict), the Event, or nothing when there is nothing new to say.
/// </summary>
public sealed class VerdictWritebackTests
{
    private const string Hash = "0a1b2c3d4e";

    public static TheoryData<string, string?, string, string?, string?, string?> Cases() => new()
    {
        // case, run phase, workload's template hash now, its deployment.kubernetes.io/revision, netra.io/verified now, written
        { "passed", Phases.Succeeded, Hash, "7", null, "7:Passed" },
        { "failed", Phases.Failed, Hash, "7", null, "7:Failed" },
        { "failed after an earlier pass of the same revision", Phases.Failed, Hash, "7", "7:Passed", "7:Failed" },
        { "an older revision's verdict replaced", Phases.Succeeded, Hash, "7", "6:Failed", "7:Passed" },
        { "already written", Phases.Failed, Hash, "7", "7:Failed", null },
        { "still running", Phases.Probing, Hash, "7", null, null },
        { "the workload moved on to a newer template", Phases.Succeeded, "ffffffffff", "8", null, null },
        { "no revision annotation yet", Phases.Succeeded, Hash, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_writes_its_verdict_once_to_the_revision_it_verified(
        string name, string? phase, string hashNow, string? revisionNow, string? verifiedNow, string? written)
    {
        var run = RunVerifying("api", Hash, phase);
        var workload = Deployment("api", hashNow, revisionNow, verifiedNow);

        var verdicts = VerdictWriteback.Decide([run], [workload]);

        Assert.True(written == verdicts.SingleOrDefault()?.Value, $"{name}: expected {written ?? "nothing"}");
    }

    [Fact]
    public void A_failed_verdict_is_a_warning_naming_the_run_and_its_failed_scenarios()
    {
        var run = RunVerifying("api", Hash, Phases.Failed, ("auth-login", ScenarioResults.Failed), ("health", ScenarioResults.Passed));

        var verdict = Assert.Single(VerdictWriteback.Decide([run], [Deployment("api", Hash, "7", null)]));

        Assert.Equal(("VerificationFailed", false), (verdict.Reason, verdict.Passed));
        Assert.Equal("TestRun smoke-1 failed at revision 7; failed: auth-login.", verdict.Message);
        Assert.Equal(("Deployment", "apps", "api"), (verdict.Workload.Kind, verdict.Workload.Namespace, verdict.Workload.Name));
    }

    [Fact]
    public void A_failed_verdict_names_only_the_failures_the_quarantine_did_not_excuse()
    {
        var run = RunVerifying("api", Hash, Phases.Failed,
            ("auth-login", ScenarioResults.Failed), ("health", ScenarioResults.Failed), ("threads", ScenarioResults.Flaky));
        run.Status = run.Status! with { Scenarios = [run.Status.Scenarios[0] with { Quarantined = true }, .. run.Status.Scenarios.Skip(1)] };

        var verdict = Assert.Single(VerdictWriteback.Decide([run], [Deployment("api", Hash, "7", null)]));

        Assert.Equal("TestRun smoke-1 failed at revision 7; failed: health.", verdict.Message);
    }

    [Fact]
    public void A_statefulset_gets_its_update_revision_and_a_workload_the_run_did_not_verify_nothing()
    {
        var set = new ObservedWorkload(
            new WorkloadRevision { Kind = WorkloadKinds.StatefulSet, Namespace = "apps", Name = "db", Revision = "db-5d8f" },
            true,
            null,
            null);
        var run = RunVerifying("db", "db-5d8f", Phases.Succeeded, kind: WorkloadKinds.StatefulSet);

        var verdict = Assert.Single(VerdictWriteback.Decide([run], [set, Deployment("api", Hash, "7", null)]));

        Assert.Equal(("db", "db-5d8f:Passed", "Verified"), (verdict.Workload.Name, verdict.Value, verdict.Reason));
    }

    [Fact]
    public void The_run_annotation_names_each_rolled_out_workload_and_reads_back_the_same()
    {
        WorkloadRevision[] workloads =
        [
            new() { Kind = WorkloadKinds.Deployment, Namespace = "apps", Name = "api", Revision = Hash },
            new() { Kind = WorkloadKinds.StatefulSet, Namespace = "data", Name = "db", Revision = "db-5d8f" },
            new() { Kind = "Certificate", Namespace = "apps", Name = "tls", Revision = "3" },
        ];
        var run = Schedules.Run("smoke-1", Phases.Succeeded, Schedules.Created);
        var value = VerifiedWorkloads.AnnotationValue(workloads);
        run.Metadata.Annotations = new Dictionary<string, string> { [VerifiedWorkloads.RunAnnotation] = value! };

        Assert.Equal($"Deployment/apps/api@{Hash},StatefulSet/data/db@db-5d8f", value);
        Assert.Equal(workloads[..2], VerifiedWorkloads.Of(run));
        Assert.Null(VerifiedWorkloads.AnnotationValue([workloads[2]]));
    }

    [Fact]
    public void A_rollout_run_carries_the_annotation_and_a_cron_run_none()
    {
        var schedule = Schedules.Make();
        var rollout = new RunTrigger
        {
            Reason = TriggerReasons.Rollout,
            Time = Schedules.Created,
            Workloads = [new WorkloadRevision { Kind = WorkloadKinds.Deployment, Namespace = "apps", Name = "api", Revision = Hash }],
        };

        var triggered = ScheduledRuns.Create(schedule, rollout);
        var cron = ScheduledRuns.Create(schedule, rollout with { Reason = TriggerReasons.Schedule, Workloads = [] });

        Assert.Equal($"Deployment/apps/api@{Hash}", triggered.Metadata.Annotations[VerifiedWorkloads.RunAnnotation]);
        Assert.Null(cron.Metadata.Annotations);
    }

    private static TestRun RunVerifying(
        string workload, string revision, string? phase, params (string, string)[] scenarios) =>
        RunVerifying(workload, revision, phase, WorkloadKinds.Deployment, scenarios);

    private static TestRun RunVerifying(
        string workload, string revision, string? phase, string kind, params (string, string)[] scenarios)
    {
        var run = Schedules.Run("smoke-1", phase, Schedules.Created, scenarios);
        run.Metadata.Annotations = new Dictionary<string, string>
        {
            [VerifiedWorkloads.RunAnnotation] = $"{kind}/apps/{workload}@{revision}",
        };
        return run;
    }

    private static ObservedWorkload Deployment(string name, string hash, string? revision, string? verified)
    {
        var annotations = new Dictionary<string, string>();
        if (revision is not null)
        {
            annotations[VerdictWriteback.DeploymentRevisionAnnotation] = revision;
        }

        if (verified is not null)
        {
            annotations[VerdictWriteback.Annotation] = verified;
        }

        return new ObservedWorkload(
            new WorkloadRevision { Kind = WorkloadKinds.Deployment, Namespace = "apps", Name = name, Revision = hash },
            true,
            null,
            null,
            annotations);
    }
}
