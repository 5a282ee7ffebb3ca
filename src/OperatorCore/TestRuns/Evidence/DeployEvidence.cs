using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Evidence;

/// <summary>
/// What a failed or stuck deploy leaves beside the run's results (<see cref="Key"/> of its results ConfigMap), decided
/// from what was observed and nothing else: the deploy pod's termination message (helm's output tail: on failure the
/// kubelet keeps the last 2 KiB or 80 lines of its log there), then, for each pod of the environment namespace that is
/// neither Ready nor done, and the deploy pod that still runs helm (at most <see cref="MaxPods"/>, the deploy pods first), its phase, the conditions that are
/// False, each container's waiting or terminated state, its newest <see cref="MaxEvents"/> Events and its log tail.
/// Every text is cleaned of control characters; the whole stays within <see cref="MaxBytes"/>: logs are cut first,
/// then messages, then the last pods are left out (counted in <c>pods_left_out</c>), then the helm output is cut.
/// </summary>
public static class DeployEvidence
{
    /// <summary>The key of the evidence in the run's results ConfigMap, beside the probes' <c>results.json</c>.</summary>
    public const string Key = "deploy-evidence.json";

    /// <summary>The most the evidence takes, as JSON.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The most of helm's output kept (a termination message is at most 4 KiB).</summary>
    public const int MaxHelmOutputBytes = 4 * 1024;

    public const int MaxPods = 5;

    public const int MaxEvents = 5;

    /// <summary>How many of a pod's Events are read to find its newest.</summary>
    public const int MaxEventsRead = 100;

    /// <summary>The log tail read of each pod: its last lines, at most this many bytes.</summary>
    public const int LogTailLines = 40;

    public const int MaxLogBytes = 2 * 1024;

    /// <summary>The longest message kept (a condition's, a container's, an Event's).</summary>
    public const int MaxMessageChars = 480;

    /// <summary>How short logs and messages get when the whole is over <see cref="MaxBytes"/>.</summary>
    public const int ShortLogBytes = 512;

    public const int ShortMessageChars = 160;

    /// <summary>
    /// The pods worth evidence: those not Succeeded that are not Ready, or that run helm (while it waits, its output is in
    /// its log alone); the deploy Job's first, then by name; at most <see cref="MaxPods"/>.
    /// </summary>
    public static IReadOnlyList<V1Pod> PodsToRead(IEnumerable<V1Pod> pods) =>
        [.. pods
            .Where(p => p.Status?.Phase != "Succeeded"
                && (IsDeployPod(p) || p.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) != true))
            .OrderBy(p => IsDeployPod(p) ? 0 : 1)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Take(MaxPods)];

    /// <summary>
    /// The container whose log tells most: the first that failed, else the first still running (a helm release still
    /// waiting), else the first that waits, else the first.
    /// </summary>
    public static string? ContainerToRead(V1Pod pod)
    {
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []).ToList();
        return statuses.FirstOrDefault(s => s.State?.Terminated is { ExitCode: not 0 })?.Name
            ?? statuses.FirstOrDefault(s => s.State?.Running is not null)?.Name
            ?? statuses.FirstOrDefault(s => s.State?.Waiting is not null)?.Name
            ?? pod.Spec?.Containers?.FirstOrDefault()?.Name;
    }

    /// <summary>
    /// The evidence to keep as the run ends DeployFailed, or TimedOut while helm still worked (<paramref name="timedOut"/>);
    /// null when the deploy Job neither failed nor stuck nor ran out of time, or when nothing was read of its namespace
    /// (the local run has no pods: its deploy's failure is in its message).
    /// </summary>
    public static string? Of(TestRunObservation observation, bool timedOut = false)
    {
        if (observation.DeployJob is not { } job
            || !(job.Progress == JobProgress.Failed || job.Problem is not null || (timedOut && job.Progress == JobProgress.Running))
            || observation.DeployFacts is not { } facts)
        {
            return null;
        }

        var chosen = PodsToRead(facts.Pods);
        var document = new JsonObject
        {
            ["helm_output"] = job.TerminationMessage is { Length: > 0 } output ? Tail(output, MaxHelmOutputBytes) : null,
            ["pods"] = new JsonArray([.. chosen.Select(pod => (JsonNode)Pod(pod, facts))]),
            ["pods_left_out"] = Math.Max(0, facts.Pods.Count(WorthEvidence) - chosen.Count),
        };
        return Bounded(document);
    }

    private static bool WorthEvidence(V1Pod pod) => PodsToRead([pod]).Count == 1;

    private static bool IsDeployPod(V1Pod pod) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue("job-name", out var job) && job == ChildNames.DeployJob;

    private static JsonObject Pod(V1Pod pod, DeployFacts facts)
    {
        var name = pod.Metadata.Name;
        var log = facts.Logs.GetValueOrDefault(name);
        var item = new JsonObject
        {
            ["name"] = name,
            ["phase"] = pod.Status?.Phase ?? "Unknown",
            ["conditions"] = new JsonArray([.. (pod.Status?.Conditions ?? [])
                .Where(c => c.Status == "False")
                .Select(c => (JsonNode)new JsonObject { ["type"] = c.Type, ["reason"] = c.Reason, ["message"] = Line(c.Message) })]),
            ["containers"] = new JsonArray([.. (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
                .Select(Container).OfType<JsonNode>()]),
            ["events"] = new JsonArray([.. (facts.Events.GetValueOrDefault(name) ?? [])
                .OrderByDescending(LastSeen)
                .Take(MaxEvents)
                .Select(e => (JsonNode)new JsonObject
                {
                    ["type"] = e.Type,
                    ["reason"] = e.Reason,
                    ["message"] = Line(e.Message),
                    ["count"] = e.Count ?? 1,
                    ["last_seen"] = LastSeen(e) == DateTime.MinValue ? null : LastSeen(e).ToString("O", CultureInfo.InvariantCulture),
                })]),
        };
        if (log?.Tail is { } tail)
        {
            item["log"] = Tail(tail, MaxLogBytes);
        }
        else if (log?.Unreadable is { } why)
        {
            item["log_unreadable"] = Line(why);
        }

        return item;
    }

    /// <summary>A container that is not running and ready: waiting, or terminated (with its exit code).</summary>
    private static JsonObject? Container(V1ContainerStatus status)
    {
        if (status.State?.Waiting is { } waiting)
        {
            return new JsonObject
            {
                ["name"] = status.Name, ["state"] = "waiting", ["reason"] = waiting.Reason, ["message"] = Line(waiting.Message),
            };
        }

        if (status.State?.Terminated is { } terminated && (terminated.ExitCode != 0 || status.Ready != true))
        {
            return new JsonObject
            {
                ["name"] = status.Name,
                ["state"] = "terminated",
                ["reason"] = terminated.Reason,
                ["exit_code"] = terminated.ExitCode,
                ["message"] = Line(terminated.Message),
            };
        }

        return null;
    }

    private static DateTime LastSeen(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    private static string? Line(string? text) => text is null ? null : PodText.OneLine(text, MaxMessageChars);

    /// <summary>The end of a text in at most <paramref name="maxBytes"/> of UTF-8 (what comes last tells most), cleaned.</summary>
    public static string Tail(string text, int maxBytes)
    {
        var clean = PodText.Clean(text, int.MaxValue);
        if (Encoding.UTF8.GetByteCount(clean) <= maxBytes)
        {
            return clean;
        }

        var start = clean.Length;
        for (var bytes = Encoding.UTF8.GetByteCount("…"); start > 0;)
        {
            var step = char.IsLowSurrogate(clean[start - 1]) && start > 1 ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(clean.AsSpan(start - step, step));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            start -= step;
        }

        return string.Concat("…", clean.AsSpan(start));
    }

    /// <summary>The document as text within <see cref="MaxBytes"/>: logs cut, then messages, then the last pods left out, then helm's output.</summary>
    private static string Bounded(JsonObject document)
    {
        var pods = (JsonArray)document["pods"]!;
        IEnumerable<Action> shorteners =
        [
            () => Shorten(pods, "log", text => Tail(text, ShortLogBytes)),
            () => Shorten(pods, "message", text => PodText.OneLine(text, ShortMessageChars)),
            .. Enumerable.Range(0, pods.Count).Select(_ => (Action)(() =>
            {
                pods.RemoveAt(pods.Count - 1);
                document["pods_left_out"] = (int)document["pods_left_out"]! + 1;
            })),
            .. Enumerable.Range(1, 8).Select(halving => (Action)(() =>
                document["helm_output"] = document["helm_output"] is JsonValue output
                    ? Tail((string)output!, MaxHelmOutputBytes >> halving)
                    : null)),
        ];
        var text = document.ToJsonString();
        using var next = shorteners.GetEnumerator();
        while (Encoding.UTF8.GetByteCount(text) > MaxBytes && next.MoveNext())
        {
            next.Current();
            text = document.ToJsonString();
        }

        return text;
    }

    private static void Shorten(JsonNode node, string key, Func<string, string> shorten)
    {
        foreach (var holder in Objects(node).Where(o => o[key] is JsonValue).ToList())
        {
            holder[key] = shorten((string)holder[key]!);
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.Select(p => p.Value).SelectMany(Objects)],
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };
}
