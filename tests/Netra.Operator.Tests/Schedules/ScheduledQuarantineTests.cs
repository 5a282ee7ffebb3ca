using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

public sealed class ScheduledQuarantineTests
{
    [Fact]
    public void A_schedules_template_carries_its_quarantine_into_each_run_it_creates()
    {
        var until = Schedules.Created.AddDays(7);
        var schedule = Schedules.Make(spec =>
            spec.Template.Quarantine = [new QuarantineEntry { Scenario = "thread-management", Until = until, Reason = "#7" }]);

        var run = ScheduledRuns.Create(schedule, new RunTrigger { Reason = TriggerReasons.Schedule, Time = Schedules.Created });

        var entry = Assert.Single(run.Spec.Quarantine!);
        Assert.Equal("thread-management", entry.Scenario);
        Assert.Equal(until, entry.Until);
        Assert.Equal("#7", entry.Reason);
        Assert.NotSame(schedule.Spec.Template.Quarantine![0], entry);
    }
}
