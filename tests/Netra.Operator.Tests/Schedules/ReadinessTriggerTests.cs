using System.Text.Json;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Tests.Charts;

namespace Netra.Operator.Tests.Schedules;

public sealed class ReadinessTriggerTests
{
    [Theory]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True"}],"observedGeneration":2,"lastAppliedRevision":"4"}""", 2, true, "4")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True"}],"observedGeneration":1,"lastAppliedRevision":"3"}""", 2, false, "3")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"False"}],"lastAppliedRevision":"1.4.0"}""", 2, false, "1.4.0")]
    [InlineData("""{"health":{"status":"Healthy"},"sync":{"status":"Synced","revision":"a1b2c3"}}""", 7, true, "a1b2c3")]
    [InlineData("""{"health":{"status":"Progressing"},"sync":{"revision":"a1b2c3"}}""", 7, false, "a1b2c3")]
    [InlineData("{}", 3, false, "generation-3")]
    public void An_object_is_ready_the_kstatus_way_at_the_revision_its_controller_applied(
        string status, int generation, bool ready, string revision)
    {
        var item = JsonDocument.Parse($$$"""
            {"metadata": {"name": "netra", "namespace": "apps", "generation": {{{generation}}}, "labels": {"tier": "backend"} },
             "status": {{{status}}} }
            """).RootElement;

        var observed = ReadinessProgress.Of(item, "HelmRelease");

        Assert.Equal((ready, revision, "HelmRelease"), (observed.Complete, observed.Current.Revision, observed.Current.Kind));
        Assert.Equal("backend", observed.Labels!["tier"]);
    }

    [Theory]
    [InlineData("HelmRelease", "helmreleases")]
    [InlineData("Kustomization", "kustomizations")]
    [InlineData("Application", "applications")]
    [InlineData("Policy", "policies")]
    [InlineData("Ingress", "ingresses")]
    public void The_resource_is_guessed_from_the_kind_as_kubernetes_does(string kind, string plural) =>
        Assert.Equal(plural, ResolvedReadiness.GuessPlural(kind));

    [Fact]
    public void A_release_ready_at_a_new_revision_starts_one_run_after_the_settle_time()
    {
        var schedule = Schedules.Make(s => s.Triggers = new ScheduleTriggers
        {
            Readiness = [new ReadinessTrigger { ApiVersion = "helm.toolkit.fluxcd.io/v2", Kind = "HelmRelease" }],
        });
        var first = Schedules.Decide(schedule, Schedules.Created.AddMinutes(1), workloads: [Release("1.3.0", ready: true)]);
        Assert.Empty(first.Actions);
        Assert.Equal(ScheduleDecider.ReadinessPoll, first.RequeueAfter);

        var upgrading = Schedules.Decide(
            Schedules.After(schedule, first), Schedules.Created.AddMinutes(2), workloads: [Release("1.4.0", false)]);
        Assert.Empty(upgrading.Actions);
        var ready = Schedules.Decide(
            Schedules.After(schedule, upgrading), Schedules.Created.AddMinutes(3), workloads: [Release("1.4.0", true)]);
        Assert.Empty(ready.Actions);

        var settled = Schedules.Decide(
            Schedules.After(schedule, ready), Schedules.Created.AddMinutes(4), workloads: [Release("1.4.0", true)]);

        var start = Assert.IsType<StartRun>(Assert.Single(settled.Actions));
        Assert.Equal(("HelmRelease", "1.4.0"), (start.Trigger.Workloads[0].Kind, start.Trigger.Workloads[0].Revision));
    }

    [Fact]
    public void The_chart_grants_list_on_exactly_the_kinds_given_and_nothing_without_them()
    {
        var helm = new HelmChart("netra-operator");

        var objects = helm.Render("readinessTriggers: [{apiGroup: helm.toolkit.fluxcd.io, resources: [helmreleases]}]");

        var role = Named<V1ClusterRole>(objects, "ClusterRole");
        var rule = Assert.Single(role.Rules);
        Assert.Equal(
            ("helm.toolkit.fluxcd.io", "helmreleases", "list"), (rule.ApiGroups.Single(), rule.Resources.Single(), rule.Verbs.Single()));
        Assert.Equal(role.Metadata.Name, Named<V1ClusterRoleBinding>(objects, "ClusterRoleBinding").RoleRef.Name);
        Assert.DoesNotContain(helm.Render(), o => (string?)o["metadata"]?["name"] == "netra-operator-readiness-triggers");
    }

    private static T Named<T>(IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects, string kind) =>
        k8s.KubernetesJson.Deserialize<T>(objects
            .Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == "netra-operator-readiness-triggers")
            .ToJsonString());

    private static ObservedWorkload Release(string revision, bool ready) => new(
        new WorkloadRevision { Kind = "HelmRelease", Namespace = "apps", Name = "netra", Revision = revision },
        ready,
        Schedules.Created.AddDays(-1),
        null);
}
