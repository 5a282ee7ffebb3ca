using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

public sealed class RolloutTriggerTests
{
    private static readonly DateTimeOffset Created = Schedules.Created;

    private static TestRunSchedule Watching() => Schedules.Make(s => s.Triggers = new ScheduleTriggers
    {
        Rollouts = new RolloutTrigger
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "backend" } },
            SettleTime = "30s",
        },
    });

    [Fact]
    public void Workloads_there_before_the_schedule_start_nothing()
    {
        var decision = Schedules.Decide(Watching(), Created.AddMinutes(1), workloads: [Schedules.Deployment("api", "r1", complete: true)]);

        Assert.Empty(decision.Actions);
        Assert.Equal("r1", Assert.Single(decision.Status.Workloads).Revision);
    }

    [Fact]
    public void Two_rollouts_completing_within_the_settle_time_start_one_run_naming_both()
    {
        var schedule = Watching();
        var before = Schedules.Decide(
            schedule, Created.AddMinutes(1), workloads: [Schedules.Deployment("api", "r1", true), Schedules.Deployment("web", "w1", true)]);
        var first = Schedules.Decide(Schedules.After(schedule, before), Created.AddMinutes(2),
            workloads: [Schedules.Deployment("api", "r2", true), Schedules.Deployment("web", "w2", false)]);
        Assert.Empty(first.Actions);
        Assert.Equal("RollingOut", first.Status.Conditions.Find(ConditionTypes.Ready)?.Reason);

        var both = Schedules.Decide(Schedules.After(schedule, first), Created.AddMinutes(2).AddSeconds(10),
            workloads: [Schedules.Deployment("api", "r2", true), Schedules.Deployment("web", "w2", true)]);
        Assert.Empty(both.Actions);
        Assert.Equal(TimeSpan.FromSeconds(30), both.RequeueAfter);

        var settled = Schedules.Decide(Schedules.After(schedule, both), Created.AddMinutes(2).AddSeconds(40),
            workloads: [Schedules.Deployment("api", "r2", true), Schedules.Deployment("web", "w2", true)]);
        var start = Assert.IsType<StartRun>(Assert.Single(settled.Actions));
        Assert.Equal(TriggerReasons.Rollout, start.Trigger.Reason);
        Assert.Equal(["api@r2", "web@w2"], start.Trigger.Workloads.Select(w => $"{w.Name}@{w.Revision}").Order());
        Assert.Null(settled.Status.PendingRollouts);

        var after = Schedules.Decide(Schedules.After(schedule, settled), Created.AddMinutes(5),
            [start.Run], [Schedules.Deployment("api", "r2", true), Schedules.Deployment("web", "w2", true)]);
        Assert.Empty(after.Actions);
    }

    [Fact]
    public void A_new_workload_counts_once_rolled_out_and_unselected_or_other_namespace_ones_never()
    {
        var schedule = Watching();
        var seen = Schedules.Decide(schedule, Created.AddMinutes(1));
        ObservedWorkload[] workloads =
        [
            Schedules.Deployment("fresh", "f1", true, created: Created.AddMinutes(1)),
            Schedules.Deployment("db", "d1", true, created: Created.AddMinutes(1), tier: "data"),
            Schedules.Deployment("elsewhere", "e1", true, created: Created.AddMinutes(1), ns: "other"),
        ];

        var decision = Schedules.Decide(Schedules.After(schedule, seen), Created.AddMinutes(2), workloads: workloads);

        Assert.Equal(["fresh"], decision.Status.PendingRollouts?.Workloads.Select(w => w.Name));
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 2, 3, true)]
    [InlineData(2, 2, 1, 2, 2, 3, false)]
    [InlineData(2, 2, 2, 3, 2, 3, false)]
    [InlineData(2, 2, 2, 2, 1, 3, false)]
    [InlineData(3, 2, 2, 2, 2, 3, false)]
    public void A_deployment_rollout_is_complete_as_kubectl_rollout_status_decides(
        int replicas, int updated, int ready, int statusReplicas, int available, long observedGeneration, bool complete)
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "api", NamespaceProperty = "apps", Generation = 3 },
            Spec = new V1DeploymentSpec { Replicas = replicas, Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = observedGeneration,
                Replicas = statusReplicas,
                UpdatedReplicas = updated,
                ReadyReplicas = ready,
                AvailableReplicas = available,
            },
        };

        Assert.Equal(complete, RolloutProgress.Of(deployment).Complete);
    }

    [Fact]
    public void A_changed_pod_template_is_a_new_revision()
    {
        static V1Deployment WithImage(string image) => new()
        {
            Metadata = new V1ObjectMeta { Name = "api", NamespaceProperty = "apps" },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "api", Image = image }] },
                },
            },
        };

        Assert.NotEqual(RolloutProgress.Of(WithImage("api:1")).Current.Revision, RolloutProgress.Of(WithImage("api:2")).Current.Revision);
        Assert.Equal(RolloutProgress.Of(WithImage("api:1")).Current.Revision, RolloutProgress.Of(WithImage("api:1")).Current.Revision);
    }
}
