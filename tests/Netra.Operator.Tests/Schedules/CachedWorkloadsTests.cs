using k8s;
using k8s.Models;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

/// <summary>The schedule controller's cache keeps of a workload only what it decides from, and decides from it alike.</summary>
public sealed class CachedWorkloadsTests
{
    [Theory]
    [InlineData(2, 2, 2, 3, true)]
    [InlineData(2, 1, 2, 3, false)]
    [InlineData(3, 2, 2, 3, false)]
    [InlineData(2, 2, 2, 2, false)]
    public void A_kept_deployment_decides_as_the_whole_one(int replicas, int updated, int ready, long observedGeneration, bool complete)
    {
        var whole = Deployment(replicas, updated, ready, observedGeneration);

        var kept = CachedWorkloads.Keep(whole);

        var (fromWhole, fromKept) = (RolloutProgress.Of(whole), RolloutProgress.Of(kept));
        Assert.Equal(complete, fromKept.Complete);
        Assert.Equal(fromWhole.Complete, fromKept.Complete);
        Assert.Equal(fromWhole.Current, fromKept.Current);
        Assert.Equal(fromWhole.Created, fromKept.Created);
        Assert.Equal(fromWhole.Labels, fromKept.Labels);
        Assert.Equal(whole.Spec.Selector, kept.Spec.Selector);
        Assert.Equal(whole.Metadata.Uid, kept.Metadata.Uid);
    }

    [Fact]
    public void A_kept_deployment_holds_no_field_managers_no_pod_spec_and_only_the_annotations_read()
    {
        var whole = Deployment(2, 2, 2, 3);

        var kept = CachedWorkloads.Keep(whole);

        Assert.Null(kept.Metadata.ManagedFields);
        Assert.Null(kept.Spec.Template.Spec);
        Assert.Equal(
            [VerdictWriteback.DeploymentRevisionAnnotation, VerdictWriteback.Annotation],
            kept.Metadata.Annotations.Keys.Order(StringComparer.Ordinal));
        Assert.True(KubernetesJson.Serialize(kept).Length * 4 < KubernetesJson.Serialize(whole).Length);
    }

    [Fact]
    public void Keeping_what_was_kept_changes_nothing_and_a_new_template_is_still_a_new_revision()
    {
        var once = CachedWorkloads.Keep(Deployment(2, 2, 2, 3));
        var changed = Deployment(2, 2, 2, 3);
        changed.Spec.Template.Spec.Containers[0].Image = "api:2";

        Assert.Equal(RolloutProgress.Of(once).Current.Revision, RolloutProgress.Of(CachedWorkloads.Keep(once)).Current.Revision);
        Assert.NotEqual(RolloutProgress.Of(once).Current.Revision, RolloutProgress.Of(CachedWorkloads.Keep(changed)).Current.Revision);
    }

    [Fact]
    public void A_kept_stateful_set_decides_as_the_whole_one()
    {
        var whole = new V1StatefulSet
        {
            Metadata = Metadata(),
            Spec = new V1StatefulSetSpec { Replicas = 3, Selector = Selector(), Template = Template("db:1"), ServiceName = "db" },
            Status = new V1StatefulSetStatus
            {
                ObservedGeneration = 3, Replicas = 3, UpdatedReplicas = 3, ReadyReplicas = 3, CurrentRevision = "db-7", UpdateRevision = "db-7",
            },
        };

        var kept = CachedWorkloads.Keep(whole);

        Assert.True(RolloutProgress.Of(kept).Complete);
        Assert.Equal(RolloutProgress.Of(whole).Current, RolloutProgress.Of(kept).Current);
        Assert.Equal("db-7", kept.Status.UpdateRevision);
        Assert.Null(kept.Spec.ServiceName);
    }

    private static V1Deployment Deployment(int replicas, int updated, int ready, long observedGeneration) => new()
    {
        Metadata = Metadata(),
        Spec = new V1DeploymentSpec { Replicas = replicas, Selector = Selector(), Template = Template("api:1") },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observedGeneration, Replicas = replicas, UpdatedReplicas = updated, ReadyReplicas = ready, AvailableReplicas = ready,
        },
    };

    private static V1ObjectMeta Metadata() => new()
    {
        Name = "api",
        NamespaceProperty = "apps",
        Uid = "u-1",
        Generation = 3,
        CreationTimestamp = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        Labels = new Dictionary<string, string> { ["app"] = "api" },
        Annotations = new Dictionary<string, string>
        {
            [VerdictWriteback.Annotation] = "4:Passed",
            [VerdictWriteback.DeploymentRevisionAnnotation] = "4",
            ["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 4000),
        },
        ManagedFields = [new V1ManagedFieldsEntry { Manager = "helm", Operation = "Update" }],
    };

    private static V1LabelSelector Selector() => new() { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } };

    private static V1PodTemplateSpec Template(string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "api" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "api", Image = image, Env = [new V1EnvVar { Name = "A", Value = "b" }] }] },
    };
}
