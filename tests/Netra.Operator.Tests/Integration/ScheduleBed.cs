using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>TestRunSchedules, their runs and the workloads they watch, on the test control plane.</summary>
internal static class ScheduleBed
{
    /// <summary>A template whose runs fail within seconds (nothing answers at the endpoints) unless the kubelet is paused.</summary>
    public const string FailingTemplate = $$"""
          template:
            scenarios: [auth-service-independence]
            environment:
              mode: Existing
              endpoints: {{OperatorTestBed.UnreachableEndpoints}}
        """;

    public static async Task CreateScheduleAsync(this OperatorTestBed bed, string ns, string yaml) =>
        await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            YamlNodes.Load(yaml)!, TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural);

    /// <summary>
    /// A schedule of <see cref="FailingTemplate"/> runs on <paramref name="cron"/>; <paramref name="extra"/> is one more spec field.
    /// </summary>
    public static Task CreateFailingScheduleAsync(
        this OperatorTestBed bed, string ns, string name, string cron, string policy, string extra = "") =>
        bed.CreateScheduleAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRunSchedule
            metadata: {name: {{name}}}
            spec:
              schedule: "{{cron}}"
              concurrencyPolicy: {{policy}}
              {{extra}}
            {{FailingTemplate}}
            """);

    public static Task<TestRunSchedule> ReadScheduleAsync(this OperatorTestBed bed, string ns, string name) =>
        bed.Admin.ReadScheduleAsync(ns, name);

    /// <summary>A schedule as an admin client of any cluster reads it: the test control plane's or the one-node cluster's.</summary>
    public static async Task<TestRunSchedule> ReadScheduleAsync(this IKubernetes admin, string ns, string name)
    {
        var item = await admin.CustomObjects.GetNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural, name);
        return KubernetesJson.Deserialize<TestRunSchedule>(((JsonElement)item).GetRawText());
    }

    public static async Task PatchScheduleSpecAsync(this OperatorTestBed bed, string ns, string name, string specJson) =>
        await bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch($$"""{"spec": {{specJson}}}""", V1Patch.PatchType.MergePatch),
            TestRun.Group,
            TestRun.Version,
            ns,
            TestRunSchedule.Plural,
            name);

    /// <summary>The schedule's runs (those not being deleted), oldest first.</summary>
    public static async Task<IReadOnlyList<TestRun>> ScheduledRunsAsync(this OperatorTestBed bed, string ns, string schedule)
    {
        var list = (JsonElement)await bed.Admin.CustomObjects.ListNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, labelSelector: $"{ScheduledRuns.ScheduleLabel}={schedule}");
        return [.. list.GetProperty("items").EnumerateArray()
            .Select(item => KubernetesJson.Deserialize<TestRun>(item.GetRawText()))
            .Where(run => run.Metadata.DeletionTimestamp is null)
            .OrderBy(run => run.Metadata.Name, StringComparer.Ordinal)];
    }

    public static async Task<TestRunSchedule> WaitForScheduleAsync(
        this OperatorTestBed bed, string ns, string name, Func<TestRunSchedule, bool> condition, string what, TimeSpan? timeout = null)
    {
        TestRunSchedule? schedule = null;
        try
        {
            await Eventually.WaitUntilAsync(
                async () => condition(schedule = await bed.ReadScheduleAsync(ns, name)), what, timeout ?? OperatorTestBed.Deadline);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}; status: {KubernetesJson.Serialize(schedule?.Status)}", timedOut);
        }

        return schedule!;
    }

    public static async Task<IReadOnlyList<string>> ScheduleEventReasonsAsync(this OperatorTestBed bed, string ns, string name) =>
        [.. (await bed.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items
            .Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == TestRunSchedule.KindName)
            .Select(e => e.Reason)];

    /// <summary>The time a run's trigger fired, from its name (<c>schedule-unixseconds</c>).</summary>
    public static DateTimeOffset FiredAt(TestRun run) =>
        DateTimeOffset.FromUnixTimeSeconds(
            long.Parse(run.Metadata.Name[(run.Metadata.Name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    public static async Task CreateDeploymentAsync(
        this OperatorTestBed bed, string ns, string name, string image, IDictionary<string, string> labels)
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = PodTemplate(name, image),
            },
        };
        await bed.Admin.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
    }

    public static async Task CreateStatefulSetAsync(this OperatorTestBed bed, string ns, string name) =>
        await bed.Admin.AppsV1.CreateNamespacedStatefulSetAsync(
            new V1StatefulSet
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1StatefulSetSpec
                {
                    ServiceName = name,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = PodTemplate(name, $"{name}:1"),
                },
            },
            ns);

    private static V1PodTemplateSpec PodTemplate(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
    };

    /// <summary>A new pod template: the Deployment's generation moves on and its rollout starts.</summary>
    public static async Task SetImageAsync(this OperatorTestBed bed, string ns, string name, string image) =>
        await bed.Admin.AppsV1.PatchNamespacedDeploymentAsync(NewImage(name, image), name, ns);

    /// <summary>A strategic merge patch of the pod template's one container (named after the workload) to a new image.</summary>
    private static V1Patch NewImage(string name, string image) => new(
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":["
            + new JsonObject { ["name"] = name, ["image"] = image }.ToJsonString() + "]}}}}",
        V1Patch.PatchType.StrategicMergePatch);

    /// <summary>
    /// A StatefulSet rolled out to <paramref name="revision"/>, as its controller would write it (the test control plane
    /// runs none): a new image when <paramref name="image"/> is given, then every replica updated and ready at that revision.
    /// </summary>
    public static async Task RollOutStatefulSetAsync(
        this OperatorTestBed bed, string ns, string name, string revision, string? image = null)
    {
        if (image is not null)
        {
            await bed.Admin.AppsV1.PatchNamespacedStatefulSetAsync(NewImage(name, image), name, ns);
        }

        var statefulSet = await bed.Admin.AppsV1.ReadNamespacedStatefulSetAsync(name, ns);
        var status = new JsonObject
        {
            ["observedGeneration"] = statefulSet.Metadata.Generation,
            ["replicas"] = 1,
            ["updatedReplicas"] = 1,
            ["readyReplicas"] = 1,
            ["currentRevision"] = revision,
            ["updateRevision"] = revision,
        };
        await bed.Admin.AppsV1.PatchNamespacedStatefulSetStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns);
    }

    /// <summary>The revision number the deployment controller annotates a Deployment with when its template changes.</summary>
    public static async Task SetDeploymentRevisionAsync(this OperatorTestBed bed, string ns, string name, int revision) =>
        await bed.Admin.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(
                new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["annotations"] = new JsonObject
                        {
                            ["deployment.kubernetes.io/revision"] = revision.ToString(CultureInfo.InvariantCulture),
                        },
                    },
                }.ToJsonString(),
                V1Patch.PatchType.MergePatch),
            name, ns);

    /// <summary>The reasons of the Events recorded on a Deployment.</summary>
    public static async Task<IReadOnlyList<Corev1Event>> DeploymentEventsAsync(this OperatorTestBed bed, string ns, string name) =>
        [.. (await bed.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items
            .Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == "Deployment")];

    /// <summary>
    /// The status the deployment controller writes once every replica runs the current template and is available
    /// (the test control plane runs no deployment controller); <paramref name="updated"/> fewer than the replicas is
    /// a rollout still going.
    /// </summary>
    public static async Task WriteRolloutStatusAsync(this OperatorTestBed bed, string ns, string name, int updated = 2)
    {
        var deployment = await bed.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Metadata.Generation,
            ["replicas"] = 2,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = 2,
            ["availableReplicas"] = 2,
        };
        await bed.Admin.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns);
    }
}
