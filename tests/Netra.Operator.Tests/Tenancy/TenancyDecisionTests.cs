using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Tests.TestRuns;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>The controller's decisions where the installer's policy bounds a run: refusal, queueing, namespaces it did not make, lifetime.</summary>
public sealed class TenancyDecisionTests
{
    private static readonly DateTimeOffset Now = Runs.Start.AddSeconds(30);
    private static readonly ControllerSettings Settings = new()
    {
        Policy = new TenantPolicy { MaxActiveRunsPerNamespace = 1, MaxEnvironmentLifetime = TimeSpan.FromHours(1) },
    };

    [Fact]
    public void A_run_asking_for_an_image_the_installer_does_not_allow_ends_not_allowed_and_creates_nothing()
    {
        var run = Runs.Existing(r => r.Spec.Probe = new ProbeSpec { Image = "evil.example/exfiltrate:1" });

        var decision = TestRunDecider.Decide(Runs.Observe(run), Settings, Now);

        Assert.Empty(decision.Actions);
        var finished = decision.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal((ConditionStatuses.True, Reasons.NotAllowed), (finished.Status, finished.Reason));
        Assert.Contains("evil.example/exfiltrate:1", finished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_over_the_cap_waits_pending_queued_with_no_start_time_and_creates_nothing()
    {
        var run = Runs.Ephemeral(r => r.Metadata.Finalizers = null);
        var observation = new TestRunObservation(run, ChildPresence.Absent, null, new Dictionary<string, JobObservation>(), new QueuePlace(1, 0, 1, []));

        var decision = TestRunDecider.Decide(observation, Settings, Now);

        Assert.Empty(decision.Actions);
        Assert.Equal(Settings.PollInterval, decision.RequeueAfter);
        Assert.Equal(Phases.Pending, decision.Status!.Phase);
        Assert.Null(decision.Status.StartTime);
        var ready = decision.Status.Conditions.Find(ConditionTypes.Ready)!;
        Assert.Equal(Reasons.Queued, ready.Reason);
        Assert.Contains("at most 1 at once in a namespace", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_started_is_never_queued_again()
    {
        var run = Runs.Existing(r => r.Status = Runs.Started(Phases.Probing));
        var observation = new TestRunObservation(run, ChildPresence.Absent, null, new Dictionary<string, JobObservation>(), new QueuePlace(5, 5, 5, [0, 0, 0, 0, 0]));

        Assert.Equal(Phases.Probing, TestRunDecider.Decide(observation, Settings, Now).Status?.Phase ?? run.Status!.Phase);
    }

    [Fact]
    public void A_namespace_of_the_runs_name_it_did_not_create_fails_the_deploy_and_is_never_deleted()
    {
        var running = TestRunDecider.Decide(Runs.Observe(Runs.Ephemeral(), ChildPresence.Foreign), Settings, Now);
        var deleted = TestRunDecider.Decide(
            Runs.Observe(Runs.Ephemeral(r => r.Metadata.DeletionTimestamp = DateTime.UtcNow), ChildPresence.Foreign), Settings, Now);

        Assert.Empty(running.Actions);
        var finished = running.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.DeployFailed, finished.Reason);
        Assert.Contains("was not created for this run", finished.Message, StringComparison.Ordinal);
        Assert.Equal([nameof(RemoveFinalizer)], deleted.Actions.Select(a => a.GetType().Name));
    }

    public static TheoryData<string, string, int, bool> Lifetimes => new()
    {
        { CleanupPolicies.Never, Phases.Succeeded, 59, false },
        { CleanupPolicies.Never, Phases.Succeeded, 61, true },
        { CleanupPolicies.OnSuccess, Phases.Failed, 59, false },
        { CleanupPolicies.OnSuccess, Phases.Failed, 61, true },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public void A_namespace_its_policy_keeps_is_removed_once_the_installers_lifetime_has_passed(
        string policy, string phase, int minutesSinceCompletion, bool removed)
    {
        var run = Runs.Ephemeral(r =>
        {
            r.Spec.Cleanup!.Policy = policy;
            r.Status = Runs.Started(phase) with { CompletionTime = Now.AddMinutes(-minutesSinceCompletion) };
        });

        var decision = TestRunDecider.Decide(Runs.Observe(run, ChildPresence.Present), Settings, Now);

        Assert.Equal(removed, decision.Actions.OfType<DeleteNamespace>().Any());
    }
}
