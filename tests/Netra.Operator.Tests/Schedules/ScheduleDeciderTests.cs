using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Schedules;

public sealed class ScheduleDeciderTests
{
    private static readonly DateTimeOffset Created = Schedules.Created;

    [Fact]
    public void Before_the_first_occurrence_nothing_starts_and_the_schedule_looks_again_at_it()
    {
        var decision = Schedules.Decide(Schedules.Make(s => s.Schedule = "*/10 * * * *"), Created.AddMinutes(4));

        Assert.Empty(decision.Actions);
        Assert.Equal(TimeSpan.FromMinutes(6), decision.RequeueAfter);
        Assert.Equal("Scheduled", decision.Status.Conditions.Find(ConditionTypes.Ready)?.Reason);
    }

    [Fact]
    public void An_occurrence_due_starts_one_run_named_after_it_owned_by_the_schedule()
    {
        var schedule = Schedules.Make(s => s.Schedule = "*/10 * * * *");

        var decision = Schedules.Decide(schedule, Created.AddMinutes(10).AddSeconds(2));

        var start = Assert.IsType<StartRun>(Assert.Single(decision.Actions));
        Assert.Equal($"smoke-{Created.AddMinutes(10).ToUnixTimeSeconds()}", start.Run.Metadata.Name);
        Assert.Equal(Schedules.Uid, Assert.Single(start.Run.Metadata.OwnerReferences).Uid);
        Assert.Equal(EnvironmentModes.Existing, start.Run.Spec.Environment.Mode);
        Assert.Equal(Created.AddMinutes(10), decision.Status.LastScheduleTime);
        var trigger = decision.Status.LastTrigger;
        Assert.Equal((TriggerReasons.Schedule, start.Run.Metadata.Name), (trigger?.Reason, trigger?.Run));
        Assert.Equal([start.Run.Metadata.Name], decision.Status.Active);
        Assert.Equal(1, decision.Status.ActiveCount);

        var again = Schedules.Decide(Schedules.After(schedule, decision), Created.AddMinutes(10).AddSeconds(3), [start.Run]);
        Assert.Empty(again.Actions);
    }

    [Theory]
    [InlineData(ConcurrencyPolicies.Allow, "start", false)]
    [InlineData(ConcurrencyPolicies.Forbid, "", true)]
    [InlineData(ConcurrencyPolicies.Replace, "delete smoke-old,start", false)]
    public void A_run_due_while_one_is_active_follows_the_concurrency_policy(string policy, string actions, bool queued)
    {
        var schedule = Schedules.Make(s => (s.Schedule, s.ConcurrencyPolicy) = ("*/10 * * * *", policy));

        var decision = Schedules.Decide(schedule, Created.AddMinutes(10), [Schedules.Active("smoke-old")]);

        Assert.Equal(actions, string.Join(",", decision.Actions.Select(Describe)));
        Assert.Equal(queued, decision.Status.QueuedTrigger is not null);
    }

    [Fact]
    public void Under_Forbid_a_queued_trigger_starts_once_the_active_run_finished_and_later_ones_join_it()
    {
        var schedule = Schedules.Make(s => s.Schedule = "*/10 * * * *");
        var busy = Schedules.Decide(schedule, Created.AddMinutes(10), [Schedules.Active("smoke-old")]);
        var stillBusy = Schedules.Decide(Schedules.After(schedule, busy), Created.AddMinutes(20), [Schedules.Active("smoke-old")]);
        Assert.Empty(stillBusy.Actions);
        Assert.Equal(Created.AddMinutes(20), stillBusy.Status.QueuedTrigger?.Time);

        var finished = Schedules.Run("smoke-old", Phases.Succeeded, Created.AddMinutes(21));
        var free = Schedules.Decide(Schedules.After(schedule, stillBusy), Created.AddMinutes(21), [finished]);

        var start = Assert.IsType<StartRun>(Assert.Single(free.Actions));
        Assert.Equal($"smoke-{Created.AddMinutes(20).ToUnixTimeSeconds()}", start.Run.Metadata.Name);
        Assert.Null(free.Status.QueuedTrigger);
    }

    [Fact]
    public void History_limits_delete_the_oldest_finished_runs_once_their_results_are_recorded()
    {
        var schedule = Schedules.Make(s => (s.Schedule, s.SuccessfulRunsHistoryLimit, s.FailedRunsHistoryLimit) = ("0 0 1 1 *", 2, 1));
        TestRun[] runs =
        [
            Schedules.Run("s1", Phases.Succeeded, Created.AddMinutes(1)),
            Schedules.Run("f1", Phases.Failed, Created.AddMinutes(2)),
            Schedules.Run("s2", Phases.Succeeded, Created.AddMinutes(3)),
            Schedules.Run("f2", Phases.Failed, Created.AddMinutes(4)),
            Schedules.Run("s3", Phases.Succeeded, Created.AddMinutes(5)),
            Schedules.Active("a1"),
        ];

        var recording = Schedules.Decide(schedule, Created.AddMinutes(6), runs);
        Assert.Empty(recording.Actions);
        Assert.Equal(["s3", "f2", "s2", "f1", "s1"], recording.Status.Results.Select(r => r.Name));

        var pruning = Schedules.Decide(Schedules.After(schedule, recording), Created.AddMinutes(6), runs);
        Assert.Equal(["delete s1", "delete f1"], pruning.Actions.Select(Describe));
        Assert.Equal(60, pruning.Status.PassRate);
    }

    [Fact]
    public void Results_keep_the_latest_ten_and_a_result_dropped_off_the_end_is_not_added_again()
    {
        var runs = Enumerable.Range(1, 12).Select(i => Schedules.Run($"r{i:00}", Phases.Succeeded, Created.AddMinutes(i))).ToList();
        var schedule = Schedules.Make(s => (s.Schedule, s.SuccessfulRunsHistoryLimit) = ("0 0 1 1 *", 20));

        var first = Schedules.Decide(schedule, Created.AddHours(1), runs);
        var second = Schedules.Decide(Schedules.After(schedule, first), Created.AddHours(1), runs);

        Assert.Equal(10, first.Status.Results.Count);
        Assert.Equal("r12", first.Status.Results[0].Name);
        Assert.Equal(first.Status.Results.Select(r => r.Name), second.Status.Results.Select(r => r.Name));
    }

    [Fact]
    public void A_suspended_schedule_starts_nothing_and_runs_what_fell_due_once_resumed()
    {
        var schedule = Schedules.Make(s => (s.Schedule, s.Suspend) = ("*/10 * * * *", true));
        var suspended = Schedules.Decide(schedule, Created.AddMinutes(35));
        Assert.Empty(suspended.Actions);
        Assert.Equal("Suspended", suspended.Status.Conditions.Find(ConditionTypes.Ready)?.Reason);

        schedule.Spec.Suspend = false;
        var resumed = Schedules.Decide(Schedules.After(schedule, suspended), Created.AddMinutes(36));
        var start = Assert.IsType<StartRun>(Assert.Single(resumed.Actions));
        Assert.Equal(Created.AddMinutes(30), start.Trigger.Time);
    }

    [Theory]
    [InlineData("61 * * * *", null, "not a cron expression")]
    [InlineData("0 3 * * *", "Nowhere/Atlantis", "not a known time zone")]
    [InlineData(null, null, "Give a schedule")]
    public void An_invalid_spec_starts_nothing_and_says_why(string? cron, string? zone, string problem)
    {
        var decision = Schedules.Decide(Schedules.Make(s => (s.Schedule, s.TimeZone) = (cron, zone)), Created.AddDays(1));

        Assert.Empty(decision.Actions);
        var ready = decision.Status.Conditions.Find(ConditionTypes.Ready);
        Assert.Equal((ConditionStatuses.False, Reasons.InvalidSpec), (ready?.Status, ready?.Reason));
        Assert.Contains(problem, ready?.Message, StringComparison.Ordinal);
    }

    private static string Describe(ScheduleAction action) => action switch
    {
        StartRun => "start",
        DeleteScheduledRun delete => $"delete {delete.Name}",
        _ => action.GetType().Name,
    };
}
