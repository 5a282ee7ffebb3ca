using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

public sealed class OldPodsTests
{
    private static readonly V1Deployment Deployment = new() { Metadata = new V1ObjectMeta { Name = "api", Uid = "d" } };

    private static readonly V1ReplicaSet[] ReplicaSets =
    [
        ReplicaSet("rs-1", "1", owner: "d"),
        ReplicaSet("rs-2", "2", owner: "d"),
        ReplicaSet("rs-other", "9", owner: "another-deployment"),
    ];

    // pod owner, phase, terminating → is it an old pod of Deployment "d", whose current ReplicaSet is rs-2
    [Theory]
    [InlineData("rs-2", "Running", false, 0)]
    [InlineData("rs-1", "Running", false, 1)]
    [InlineData("rs-1", "Running", true, 1)]
    [InlineData("rs-1", "Pending", false, 1)]
    [InlineData("rs-1", "Succeeded", false, 0)]
    [InlineData("rs-1", "Failed", true, 0)]
    [InlineData("rs-other", "Running", false, 0)]
    public void A_deployments_old_pods_are_those_of_its_older_replica_sets_still_running_or_terminating(
        string owner, string phase, bool terminating, int old)
    {
        Assert.Equal(old, OldPods.Of(Deployment, ReplicaSets, [Pod(owner, phase, terminating)]));
    }

    [Fact]
    public void Revisions_compare_as_numbers_and_a_deployment_without_replica_sets_has_none()
    {
        V1ReplicaSet[] sets = [ReplicaSet("rs-9", "9", owner: "d"), ReplicaSet("rs-10", "10", owner: "d")];

        Assert.Equal(1, OldPods.Of(Deployment, sets, [Pod("rs-9", "Running", false), Pod("rs-10", "Running", false)]));
        Assert.Equal(0, OldPods.Of(Deployment, [], [Pod("rs-1", "Running", false)]));
    }

    // pod revision label, owner, phase → is it an old pod of StatefulSet "s" at update revision db-2
    [Theory]
    [InlineData("db-2", "s", "Running", 0)]
    [InlineData("db-1", "s", "Running", 1)]
    [InlineData(null, "s", "Running", 1)]
    [InlineData("db-1", "s", "Succeeded", 0)]
    [InlineData("db-1", "another", "Running", 0)]
    public void A_statefulsets_old_pods_carry_another_revision_than_its_update_revision(string? revision, string owner, string phase, int old)
    {
        var statefulSet = new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db", Uid = "s" },
            Status = new V1StatefulSetStatus { UpdateRevision = "db-2" },
        };
        var pod = Pod(owner, phase, terminating: false);
        pod.Metadata.Labels = revision is null ? null : new Dictionary<string, string> { [OldPods.StatefulSetRevisionLabel] = revision };

        Assert.Equal(old, OldPods.Of(statefulSet, [pod]));
    }

    [Fact]
    public void A_completed_rollout_with_old_pods_left_waits_for_them_and_counts_once_they_are_gone()
    {
        var schedule = Schedules.Make(s => s.Triggers = new ScheduleTriggers
        {
            Rollouts = new RolloutTrigger { Selector = new V1LabelSelector(), SettleTime = "0s" },
        });
        var before = Schedules.Decide(schedule, Schedules.Created.AddMinutes(1), workloads: [Schedules.Deployment("api", "r1", true)]);

        var terminating = Schedules.Decide(Schedules.After(schedule, before), Schedules.Created.AddMinutes(2),
            workloads: [Schedules.Deployment("api", "r2", true) with { OldPods = 1 }]);
        Assert.Empty(terminating.Actions);
        Assert.Equal("RollingOut", terminating.Status.Conditions.Find(ConditionTypes.Ready)?.Reason);
        Assert.Equal("r1", Assert.Single(terminating.Status.Workloads).Revision);
        Assert.Equal(Core.Schedules.Stages.RolloutStage.OldPodsPoll, terminating.RequeueAfter);

        var gone = Schedules.Decide(Schedules.After(schedule, terminating), Schedules.Created.AddMinutes(2).AddSeconds(3),
            workloads: [Schedules.Deployment("api", "r2", true)]);
        var start = Assert.IsType<StartRun>(Assert.Single(gone.Actions));
        Assert.Equal("r2", Assert.Single(start.Trigger.Workloads).Revision);
    }

    [Theory]
    [InlineData("app=api", "In", "a,b", "app=api,tier in (a,b)")]
    [InlineData("", "NotIn", "a", "tier notin (a)")]
    [InlineData("", "Exists", "", "tier")]
    [InlineData("", "DoesNotExist", "", "!tier")]
    public void A_label_selector_becomes_the_list_requests_query(string label, string op, string values, string query)
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = label.Length == 0 ? null : new Dictionary<string, string> { [label.Split('=')[0]] = label.Split('=')[1] },
            MatchExpressions =
            [
                new V1LabelSelectorRequirement
                {
                    Key = "tier", OperatorProperty = op, Values = values.Length == 0 ? null : values.Split(','),
                },
            ],
        };

        Assert.Equal(query, LabelSelectors.ToQuery(selector));
    }

    private static V1ReplicaSet ReplicaSet(string name, string revision, string owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Uid = name,
            Annotations = new Dictionary<string, string> { [VerdictWriteback.DeploymentRevisionAnnotation] = revision },
            OwnerReferences = [new V1OwnerReference { Uid = owner, Controller = true }],
        },
    };

    private static V1Pod Pod(string owner, string phase, bool terminating) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{owner}-pod",
            DeletionTimestamp = terminating ? Schedules.Created.UtcDateTime : null,
            OwnerReferences = [new V1OwnerReference { Uid = owner, Controller = true }],
        },
        Status = new V1PodStatus { Phase = phase },
    };
}
