using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.TestBed;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// An Ephemeral run's apply → Finished on the real node, split where its children's timestamps (the API server's, whole
/// seconds) fall: namespace and guards (apply → deploy Job created), deploy (→ deploy Job complete; each helm container's
/// start and finish, each release's Deployment available), probe pods scheduled and started (→ first probe container
/// started), probes (→ last probe container finished), results (→ Finished). Beside it, the <see cref="NodeLimits"/> of
/// the same run. Measured, never asserted: written to <see cref="FileName"/> under tests/results and printed as a table.
/// </summary>
public static class EphemeralTiming
{
    public const string FileName = "ephemeral-timing.json";

    public static string FilePath => Path.Combine(Repository.Root, "tests", "results", FileName);

    public static JsonObject Split(TestRun run, V1Namespace environment, RunTimeline timeline, NodeLimits.Figures limits)
    {
        var applied = At(run.Metadata.CreationTimestamp)!.Value;
        double? Since(DateTimeOffset? at) => at is { } t ? Math.Round((t - applied).TotalSeconds, 1) : null;
        var env = environment.Metadata.Name;
        var deployJob = timeline.JobsIn(env).Single(j => j.Metadata.Name == ChildNames.DeployJob);
        var deployPod = timeline.PodsIn(env).Single(p => Label(p, "job-name") == ChildNames.DeployJob);
        var helm = Statuses(deployPod).ToList();
        var probePods = timeline.PodsIn(run.Metadata.NamespaceProperty)
            .Where(p => Label(p, ChildNames.ComponentLabel) == ChildNames.ProbeComponent && Label(p, ChildNames.RunUidLabel) == run.Metadata.Uid)
            .ToList();
        var probeStarts = probePods.SelectMany(Statuses).Select(s => At(s.State?.Terminated?.StartedAt ?? s.State?.Running?.StartedAt)).ToList();

        var marks = new (string Name, DateTimeOffset? At)[]
        {
            ("applied", applied),
            ("namespace created", At(environment.Metadata.CreationTimestamp)),
            ("deploy Job created", At(deployJob.Metadata.CreationTimestamp)),
            ("deploy pod scheduled", ConditionAt(deployPod, "PodScheduled")),
            ("first helm started", helm.Min(s => At(s.State?.Terminated?.StartedAt))),
            ("last helm finished", helm.Max(s => At(s.State?.Terminated?.FinishedAt))),
            ("deploy Job complete", At(deployJob.Status?.CompletionTime)),
            ("first probe Job created", timeline.JobsIn(run.Metadata.NamespaceProperty)
                .Where(j => Label(j, ChildNames.ComponentLabel) == ChildNames.ProbeComponent).Min(j => At(j.Metadata.CreationTimestamp))),
            ("first probe pod scheduled", probePods.Min(p => ConditionAt(p, "PodScheduled"))),
            ("first probe started", probeStarts.Min()),
            ("last probe finished", probePods.SelectMany(Statuses).Max(s => At(s.State?.Terminated?.FinishedAt))),
            ("Finished", run.Status?.Conditions.Find(ConditionTypes.Finished)?.LastTransitionTime),
        };
        var at = marks.ToDictionary(m => m.Name, m => Since(m.At));
        (string Name, string From, string To)[] phases =
        [
            ("namespace and guards", "applied", "deploy Job created"),
            ("deploy", "deploy Job created", "deploy Job complete"),
            ("probe pods scheduled and started", "deploy Job complete", "first probe started"),
            ("probes", "first probe started", "last probe finished"),
            ("results", "last probe finished", "Finished"),
        ];
        var startDelays = probePods
            .Select(p => (At(p.Metadata.CreationTimestamp), Statuses(p).Select(s => At(s.State?.Terminated?.StartedAt)).Min()))
            .Where(p => p.Item1 is not null && p.Item2 is not null)
            .Select(p => (p.Item2!.Value - p.Item1!.Value).TotalSeconds)
            .Order()
            .ToList();

        return new JsonObject
        {
            ["run"] = $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}",
            ["phase"] = run.Status?.Phase,
            ["deploy"] = deployPod.Spec.InitContainers is { Count: > 0 } ? "sequential" : "parallel",
            ["measured_at"] = applied.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["load_average"] = LoadAverage() },
            ["resolution_s"] = 1,
            ["total_s"] = at["Finished"],
            ["phases"] = new JsonArray([.. phases.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["from"] = p.From, ["to"] = p.To, ["seconds"] = Between(at[p.From], at[p.To]),
            })]),
            ["marks_s"] = new JsonObject(at.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            ["releases"] = new JsonArray([.. helm.Select(s => (JsonNode)new JsonObject
            {
                ["container"] = s.Name,
                ["started_s"] = Since(At(s.State?.Terminated?.StartedAt)),
                ["finished_s"] = Since(At(s.State?.Terminated?.FinishedAt)),
                ["seconds"] = Between(Since(At(s.State?.Terminated?.StartedAt)), Since(At(s.State?.Terminated?.FinishedAt))),
                // A service restarted while it started (its liveness probe failing on a loaded node) shows here.
                ["pod_restarts"] = timeline.PodsIn(env)
                    .Where(p => Label(p, "app.kubernetes.io/name") is { } app && $"helm-{app.Replace("netra-", string.Empty, StringComparison.Ordinal)}" == s.Name)
                    .Sum(p => Statuses(p).Sum(c => c.RestartCount)),
                ["deployment_available_s"] = Since(timeline.DeploymentsIn(env)
                    .Where(d => $"helm-{d.Metadata.Name.Replace("netra-", string.Empty, StringComparison.Ordinal)}" == s.Name)
                    .Select(d => At(d.Status?.Conditions?.FirstOrDefault(c => c is { Type: "Available", Status: "True" })?.LastTransitionTime))
                    .FirstOrDefault()),
            })]),
            ["probe_pods"] = new JsonObject
            {
                ["count"] = probePods.Count,
                ["created_to_started_median_s"] = startDelays.Count == 0 ? null : startDelays[startDelays.Count / 2],
                ["created_to_started_max_s"] = startDelays.Count == 0 ? null : startDelays[^1],
            },
            ["limits"] = new JsonObject
            {
                ["bare_job_apply_to_complete_s"] = limits.JobSeconds,
                ["bare_deployment_apply_to_rollout_complete_s"] = limits.DeploymentSeconds,
            },
        };
    }

    /// <summary>Writes the split to <see cref="FilePath"/> and returns it as a table.</summary>
    public static string Write(JsonObject split)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, split.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var table = new StringBuilder();
        void Row(string name, JsonNode? seconds) =>
            table.AppendLine(CultureInfo.InvariantCulture, $"{name,-56} {(seconds is null ? "-" : $"{(double)seconds,7:0.0} s")}");
        table.AppendLine(CultureInfo.InvariantCulture, $"{split["run"]} ({split["deploy"]} deploy), apply → Finished, written to {FilePath}");
        foreach (var phase in split["phases"]!.AsArray())
        {
            Row($"  {phase!["name"]}", phase["seconds"]);
        }

        Row("  total", split["total_s"]);
        foreach (var release in split["releases"]!.AsArray())
        {
            Row($"  deploy: {release!["container"]} (start → finish, {release["pod_restarts"]} restarts)", release["seconds"]);
        }

        Row("  probe pod created → started (median)", split["probe_pods"]!["created_to_started_median_s"]);
        Row("  limit: bare Job apply → Complete", split["limits"]!["bare_job_apply_to_complete_s"]);
        Row("  limit: bare Deployment apply → rollout complete", split["limits"]!["bare_deployment_apply_to_rollout_complete_s"]);
        return table.ToString();
    }

    private static IEnumerable<V1ContainerStatus> Statuses(V1Pod pod) =>
        (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);

    private static string? Label(k8s.IKubernetesObject<V1ObjectMeta> item, string name) =>
        item.Metadata.Labels is { } labels && labels.TryGetValue(name, out var value) ? value : null;

    private static DateTimeOffset? ConditionAt(V1Pod pod, string type) =>
        At(pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True")?.LastTransitionTime);

    private static DateTimeOffset? At(DateTime? at) =>
        at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static double? Between(double? from, double? to) => from is { } f && to is { } t ? Math.Round(t - f, 1) : null;

    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}
