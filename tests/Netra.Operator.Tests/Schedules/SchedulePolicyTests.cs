using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Tests.Schedules;

/// <summary>What the installer lets a schedule do: the namespaces it watches, how often it fires, how many runs it keeps going.</summary>
public sealed class SchedulePolicyTests
{
    private static readonly TenantPolicy Policy = new() { RolloutNamespaces = ["platform"], MaxActiveRunsPerSchedule = 2 };

    public static TheoryData<string, string?> Specs => new()
    {
        { "rollouts of its own namespace", null },
        { "rollouts: apps", null },
        { "rollouts: platform", null },
        { "rollouts: kube-system", "triggers.rollouts.namespaces: 'kube-system' is not a namespace this schedule may watch" },
        { "readiness: payments", "triggers.readiness[0].namespaces: 'payments' is not a namespace this schedule may watch" },
        { "cron: 0 * * * *", null },
        { "cron: * * * * *", null },
        { "cron: * * * * * *", "fires 1s apart" },
        { "cron: 0-5 0 3 * * *", "fires 1s apart" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_schedule_watches_its_own_namespace_and_those_allowed_and_fires_at_most_once_a_minute(string situation, string? problem)
    {
        var schedule = Schedules.Make(spec =>
        {
            var (kind, value) = (situation.Split(": ")[0], situation.Contains(": ", StringComparison.Ordinal) ? situation.Split(": ")[1] : null);
            switch (kind)
            {
                case "rollouts":
                    spec.Triggers = new ScheduleTriggers { Rollouts = new RolloutTrigger { Namespaces = [value!] } };
                    break;
                case "readiness":
                    spec.Triggers = new ScheduleTriggers { Readiness = [new ReadinessTrigger { ApiVersion = "x/v1", Kind = "X", Namespaces = [value!] }] };
                    break;
                case "cron":
                    spec.Schedule = value;
                    break;
                default:
                    spec.Triggers = new ScheduleTriggers { Rollouts = new RolloutTrigger() };
                    break;
            }
        });

        var problems = ResolvedSchedule.Resolve(schedule.Spec, Policy, "apps").Problems;

        if (problem is null)
        {
            Assert.True(problems.Count == 0, $"{situation}: {string.Join(" ", problems)}");
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_refused_namespace_is_never_read_and_the_schedule_is_invalid()
    {
        var schedule = Schedules.Make(spec => spec.Triggers = new ScheduleTriggers { Rollouts = new RolloutTrigger { Namespaces = ["kube-system"] } });
        var observation = new ScheduleObservation(schedule, [], [Schedules.Deployment("coredns", "1", complete: true, ns: "kube-system")], Policy);

        var decision = ScheduleDecider.Decide(observation, Schedules.Created);

        Assert.Equal(Reasons.InvalidSpec, decision.Status.Conditions.Find(ConditionTypes.Ready)!.Reason);
        Assert.Empty(decision.Status.Workloads);
        Assert.Empty(decision.Actions.OfType<StartRun>());
    }

    [Fact]
    public void Allow_starts_no_run_beyond_the_cap_on_a_schedules_active_runs_and_queues_the_trigger()
    {
        var schedule = Schedules.Make(spec => { spec.Schedule = "* * * * *"; spec.ConcurrencyPolicy = ConcurrencyPolicies.Allow; });
        var now = Schedules.Created.AddMinutes(1).AddSeconds(1);
        var observation = new ScheduleObservation(schedule, [Schedules.Active("smoke-1"), Schedules.Active("smoke-2")], [], Policy);

        var capped = ScheduleDecider.Decide(observation, now);
        var below = ScheduleDecider.Decide(observation with { Runs = [Schedules.Active("smoke-1")] }, now);

        Assert.Empty(capped.Actions.OfType<StartRun>());
        Assert.NotNull(capped.Status.QueuedTrigger);
        Assert.Single(below.Actions.OfType<StartRun>());
    }
}
