using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A readiness trigger on the test control plane: a custom kind that reports a Ready condition and the revision it
/// applied, as a Flux HelmRelease does, read by the operator through the ClusterRole the chart renders for it.
/// </summary>
public sealed class ScheduleReadinessTests(OperatorTestBedFixture bed) : WithOperator(bed, "readiness")
{
    private const string Group = "example.io";

    [Fact]
    public async Task A_release_ready_at_a_new_revision_starts_exactly_one_run()
    {
        await InstallReleaseKindAsync();
        var ns = await Bed.CreateNamespaceAsync("readiness");
        var release = new JsonObject
        {
            ["apiVersion"] = $"{Group}/v1",
            ["kind"] = "Release",
            ["metadata"] = new JsonObject { ["name"] = "netra" },
            ["spec"] = new JsonObject { ["version"] = "1" },
        };
        await Bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(release, Group, "v1", ns, "releases");
        await WriteReadyAsync(ns, revision: "1");
        await Bed.CreateScheduleAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRunSchedule
            metadata: {name: after-release}
            spec:
              triggers:
                rollouts: {settleTime: 1s, kinds: [StatefulSet]}
                readiness:
                  - {apiVersion: {{Group}}/v1, kind: Release}
            {{ScheduleBed.FailingTemplate}}
            """);
        await Bed.WaitForScheduleAsync(ns, "after-release", s => s.Status?.Workloads.Count == 1, "the Release accounted for");

        await Bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec": {"version": "2"}}""", V1Patch.PatchType.MergePatch), Group, "v1", ns, "releases", "netra");
        await WriteReadyAsync(ns, revision: "2");
        var triggered = await Bed.WaitForScheduleAsync(
            ns, "after-release", s => s.Status?.LastTrigger?.Run is not null, "a run started");
        await Bed.WaitForScheduleAsync(
            ns, "after-release", s => s.Status?.Results.Count == 1 && s.Status.Active.Count == 0, "the run recorded");

        Assert.Single(await Bed.ScheduledRunsAsync(ns, "after-release"));
        var workload = Assert.Single(triggered.Status!.LastTrigger!.Workloads);
        Assert.Equal(("Release", "netra", "2"), (workload.Kind, workload.Name, workload.Revision));
    }

    /// <summary>The kind, and the operator's right to list it, as the chart grants it given <c>readinessTriggers</c>.</summary>
    private async Task InstallReleaseKindAsync()
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>($$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: releases.{{Group}}}
            spec:
              group: {{Group}}
              scope: Namespaced
              names: {kind: Release, plural: releases, singular: release, listKind: ReleaseList}
              versions:
                - name: v1
                  served: true
                  storage: true
                  subresources:
                    status: {}
                  schema:
                    openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """);
        await Bed.Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var chart = new HelmChart("netra-operator").Render($"readinessTriggers: [{{apiGroup: {Group}, resources: [releases]}}]");
        var role = KubernetesJson.Deserialize<V1ClusterRole>(Single(chart, "ClusterRole").ToJsonString());
        var binding = KubernetesJson.Deserialize<V1ClusterRoleBinding>(Single(chart, "ClusterRoleBinding").ToJsonString());
        binding.Subjects[0].NamespaceProperty = ControlPlane.OperatorNamespace;
        await Bed.Admin.RbacAuthorizationV1.CreateClusterRoleAsync(role);
        await Bed.Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding);
        await Eventually.WaitUntilAsync(async () =>
        {
            var established = await Bed.Admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
            return established.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "the Release kind established", OperatorTestBed.Deadline);
    }

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) =>
        objects.Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == "netra-operator-readiness-triggers");

    /// <summary>The status a Flux controller writes once it applied a revision and the release is ready.</summary>
    private async Task WriteReadyAsync(string ns, string revision)
    {
        var current = (System.Text.Json.JsonElement)await Bed.Admin.CustomObjects.GetNamespacedCustomObjectAsync(
            Group, "v1", ns, "releases", "netra");
        var generation = current.GetProperty("metadata").GetProperty("generation").GetInt64();
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["lastAppliedRevision"] = revision,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Succeeded" }),
        };
        await Bed.Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            Group,
            "v1",
            ns,
            "releases",
            "netra");
    }
}
