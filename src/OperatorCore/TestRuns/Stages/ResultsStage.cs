using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// The full results of a finished run: every case of every attempt, with its message and duration, in the probes' own
/// JSON format, kept in a ConfigMap owned by the run (it goes with the run). Each probe pod's report comes from its
/// log (<see cref="ProbeLogReports"/>) or, when small, packed in its termination message (<see cref="PackedReport"/>).
/// Each scenario's last attempt is in <c>scenarios</c>, in the spec's order; the attempts before it in <c>retried</c>,
/// which the reader folds into each case's earlier attempts. A pod's report is untrusted: every string loses its control
/// and format characters, and a scenario larger than <see cref="MaxScenarioBytes"/> keeps its summary alone. Bounded:
/// past <see cref="MaxBytes"/>, the cases' evidence is cut to its last entries, long messages are shortened, the evidence
/// dropped, and only then the retried attempts' reports (a scenario too large is shrunk the same way first); were the
/// ConfigMap refused all the same, the run still finishes, saying so. <c>netra-operator results</c> reads it.
/// </summary>
public static class ResultsStage
{
    public const string ReportKey = "results.json";

    /// <summary>Below the 1 MiB a ConfigMap may hold, with room for its metadata.</summary>
    public const int MaxBytes = 900 * 1024;

    /// <summary>How long a case's message may stay once the results are too large.</summary>
    public const int ShortMessageChars = 480;

    /// <summary>The most one scenario's report may take in the results, whatever its pod claims.</summary>
    public const int MaxScenarioBytes = 96 * 1024;

    /// <summary>A scenario's pods that answered it, per service, which a scenario too large to keep its cases keeps all the same.</summary>
    public const string AnsweredByField = "answered_by";

    /// <summary>The longest string kept from a pod's report (a case's message).</summary>
    public const int MaxTextChars = 4096;

    /// <summary>How many of a case's evidence entries, the last ones, stay once the results are too large.</summary>
    public const int ShortEvidenceEntries = 2;

    /// <summary>Ways to make results smaller without losing a case, the gentlest first.</summary>
    private static readonly Action<JsonNode>[] Shrinking =
        [node => TrimEvidence(node, ShortEvidenceEntries), ShortenMessages, node => TrimEvidence(node, 0)];

    /// <summary>The run ends with <paramref name="status"/>, its full results kept beside it when a probe pod left any.</summary>
    public static TestRunDecision EndedWithResults(TestRunObservation observation, TestRunStatus status, DateTimeOffset now) =>
        Results(observation, status.StartTime ?? now, now) is { } results
            ? TestRunDecision.Ended(status) with { Actions = [results] }
            : TestRunDecision.Ended(status);

    /// <summary>The run ends with <paramref name="status"/>, what its deploy left (<see cref="DeployEvidence"/>) kept beside it.</summary>
    public static TestRunDecision EndedWithDeployEvidence(TestRunStatus status, TestRun run, string evidence) =>
        TestRunDecision.Ended(status) with { Actions = [new CreateChild(Manifest(run, DeployEvidence.Key, evidence))] };

    /// <summary>The ConfigMap to create as the run ends, or null when no probe pod left a report.</summary>
    public static CreateChild? Results(TestRunObservation observation, DateTimeOffset started, DateTimeOffset now)
    {
        var scenarios = new JsonArray();
        var retried = new JsonArray();
        foreach (var (scenario, attempts) in FinishedAttempts(observation))
        {
            var reported = attempts
                .Select(a => (a.Attempt, Node: ScenarioReport(a.Job, scenario)))
                .Where(a => a.Node is not null)
                .ToList();
            if (reported.Count == 0)
            {
                continue;
            }

            scenarios.Add((JsonNode?)reported[^1].Node);
            foreach (var (attempt, node) in reported.Take(reported.Count - 1))
            {
                retried.Add((JsonNode)new JsonObject { ["attempt"] = attempt, ["report"] = node });
            }
        }

        if (scenarios.Count == 0)
        {
            return null;
        }

        var document = new JsonObject
        {
            ["started_at"] = started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["duration_ms"] = (long)(now - started).TotalMilliseconds,
            ["summary"] = Sum(scenarios),
            ["scenarios"] = scenarios,
            ["retried"] = retried,
        };
        return new CreateChild(Manifest(observation.Run, ReportKey, Bounded(document)));
    }

    /// <summary>Each scenario with the finished Jobs of its attempts, oldest first.</summary>
    private static IEnumerable<(string Scenario, List<(int Attempt, JobObservation Job)> Attempts)> FinishedAttempts(
        TestRunObservation observation) =>
        observation.Spec.Scenarios.Select((scenario, index) => (scenario, Enumerable.Range(1, observation.Spec.MaxAttempts)
            .Select(attempt => (attempt, Job: observation.ProbeJobs.GetValueOrDefault(ChildNames.ProbeJob(observation.Run, attempt, index))))
            .Where(a => a.Job is { Progress: not JobProgress.Running })
            .Select(a => (a.attempt, a.Job!))
            .ToList()));

    /// <summary>This scenario's part of a Job's report, from its log or its termination message, cleaned and capped.</summary>
    private static JsonObject? ScenarioReport(JobObservation job, string scenario)
    {
        var report = ProbeResults.Report(job);
        try
        {
            return report is not null && JsonNode.Parse(report)?["scenarios"] is JsonArray reported
                && reported.OfType<JsonObject>().FirstOrDefault(s => Text(s["name"]) == scenario) is { } found
                ? Capped(Cleaned(found))
                : null;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A copy of a pod's JSON with every string cleaned and shortened.</summary>
    private static JsonNode? Cleaned(JsonNode? node) => node switch
    {
        JsonObject item => new JsonObject(item.Select(p => KeyValuePair.Create(PodText.OneLine(p.Key, 64), Cleaned(p.Value)))
            .DistinctBy(p => p.Key)),
        JsonArray items => new JsonArray([.. items.Select(Cleaned)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(PodText.Clean(text, MaxTextChars)),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// A scenario too large for the results has its messages shortened; still too large, it keeps its name, summary,
    /// duration and the pods that answered it (bounded by the probes), and says why its cases are gone.
    /// </summary>
    private static JsonObject Capped(JsonNode? scenario)
    {
        var item = scenario!.AsObject();
        if (ShrunkToFit(item, MaxScenarioBytes))
        {
            return item;
        }

        var kept = new JsonObject
        {
            ["name"] = item["name"]?.DeepClone(),
            ["summary"] = item["summary"] is JsonObject summary ? summary.DeepClone() : null,
            ["duration_ms"] = item["duration_ms"] is JsonValue duration ? duration.DeepClone() : null,
            ["cases"] = new JsonArray(),
            ["cases_left_out"] = $"The probe pod's report of this scenario is larger than {MaxScenarioBytes / 1024} KiB; its cases were not kept.",
        };
        if (item[AnsweredByField] is JsonObject answeredBy)
        {
            kept[AnsweredByField] = answeredBy.DeepClone();
        }

        return Encoding.UTF8.GetByteCount(kept.ToJsonString()) <= MaxScenarioBytes ? kept : new JsonObject { ["name"] = item["name"]?.DeepClone() };
    }

    /// <summary>The document as text within <see cref="MaxBytes"/>: shrunk without losing a case, then retried attempts dropped.</summary>
    private static string Bounded(JsonObject document)
    {
        ShrunkToFit(document, MaxBytes);
        var text = document.ToJsonString();
        var retried = (JsonArray)document["retried"]!;
        while (Encoding.UTF8.GetByteCount(text) > MaxBytes && retried.Count > 0)
        {
            retried.RemoveAt(0);
            text = document.ToJsonString();
        }

        return text;
    }

    /// <summary>Shrinks <paramref name="node"/> (<see cref="Shrinking"/>) until it fits in <paramref name="maxBytes"/>; false when it never does.</summary>
    private static bool ShrunkToFit(JsonNode node, int maxBytes)
    {
        foreach (var shrink in Shrinking)
        {
            if (Encoding.UTF8.GetByteCount(node.ToJsonString()) <= maxBytes)
            {
                return true;
            }

            shrink(node);
        }

        return Encoding.UTF8.GetByteCount(node.ToJsonString()) <= maxBytes;
    }

    /// <summary>Every case's and attempt's evidence under <paramref name="node"/> cut to its last <paramref name="kept"/> entries.</summary>
    private static void TrimEvidence(JsonNode node, int kept)
    {
        foreach (var holder in Objects(node).Where(o => o[EvidenceLimits.Field] is JsonArray).ToList())
        {
            var evidence = (JsonArray)holder[EvidenceLimits.Field]!;
            if (kept == 0)
            {
                holder.Remove(EvidenceLimits.Field);
                continue;
            }

            while (evidence.Count > kept)
            {
                evidence.RemoveAt(0);
            }
        }
    }

    /// <summary>Every message under <paramref name="node"/> cut to <see cref="ShortMessageChars"/>.</summary>
    private static void ShortenMessages(JsonNode node)
    {
        foreach (var holder in Objects(node).Where(o => o["message"] is JsonValue).ToList())
        {
            if ((string?)holder["message"] is { Length: > ShortMessageChars } message)
            {
                holder["message"] = string.Concat(message.AsSpan(0, ShortMessageChars - 1), "…");
            }
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.Select(p => p.Value).SelectMany(Objects)],
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? Math.Max(0, count) : 0;

    private static JsonObject Sum(JsonArray scenarios)
    {
        var total = new JsonObject();
        foreach (var counts in scenarios.Select(s => s?["summary"]).OfType<JsonObject>())
        {
            foreach (var (name, value) in counts)
            {
                total[name] = Count(total[name]) + Count(value);
            }
        }

        return total;
    }

    /// <summary>The run's results ConfigMap, holding <paramref name="content"/> under <paramref name="key"/>.</summary>
    public static V1ConfigMap Manifest(TestRun run, string key, string content)
    {
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.ResultsConfigMap(run),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = ChildNames.Labels(run, ChildNames.ResultsComponent),
                Annotations = ChildNames.Annotations(run),
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = run.ApiVersion, Kind = run.Kind, Name = run.Metadata.Name, Uid = run.Metadata.Uid, Controller = true,
                    },
                ],
            },
            Data = new Dictionary<string, string> { [key] = content },
        };
    }
}
