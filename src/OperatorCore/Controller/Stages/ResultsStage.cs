using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// The full results of a finished run: every case, with its message and duration. Each probe pod packs its report
/// into its termination message (<see cref="PackedReport"/>); the last attempt of each scenario, in the spec's order,
/// becomes one report in the probes' own JSON format, kept in a ConfigMap owned by the run (it goes with the run).
/// <c>netra-operator results</c> reads it. A pod's report is untrusted: it unpacks to at most
/// <see cref="PackedReport.MaxUnpackedBytes"/>, every string loses its control and format characters, and a scenario
/// larger than <see cref="MaxScenarioBytes"/> keeps its summary alone, so that the ConfigMap always fits the API server's
/// 1 MiB; were it refused all the same, the run still finishes, saying so.
/// </summary>
public static class ResultsStage
{
    public const string ReportKey = "results.json";

    /// <summary>The most one scenario's report may take in the results: ten of them stay well under 1 MiB.</summary>
    public const int MaxScenarioBytes = 64 * 1024;

    /// <summary>The longest string kept from a pod's report (a case's message).</summary>
    public const int MaxTextChars = 4096;

    /// <summary>The run ends with <paramref name="status"/>, its full results kept beside it when a probe pod left any.</summary>
    public static TestRunDecision EndedWithResults(TestRunObservation observation, TestRunStatus status, DateTimeOffset now) =>
        Results(observation, status.StartTime ?? now, now) is { } results
            ? TestRunDecision.Ended(status) with { Actions = [results] }
            : TestRunDecision.Ended(status);

    /// <summary>The ConfigMap to create as the run ends, or null when no probe pod left a report.</summary>
    public static CreateChild? Results(TestRunObservation observation, DateTimeOffset started, DateTimeOffset now)
    {
        var scenarios = new JsonArray();
        foreach (var job in ProbeStage.LatestFinishedJobs(observation))
        {
            var report = PackedReport.Unpack(TerminationMessage.Parse(job.Job.TerminationMessage)?.Report);
            if (Reported(report) is { } reported)
            {
                foreach (var scenario in reported.OfType<JsonObject>().Where(s => Text(s["name"]) == job.Scenario).Take(1))
                {
                    scenarios.Add((JsonNode)Bounded(Cleaned(scenario)));
                }
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
        };
        return new CreateChild(Manifest(observation, document.ToJsonString()));
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

    /// <summary>A scenario too large for the results keeps its name, summary and duration, and says why its cases are gone.</summary>
    private static JsonObject Bounded(JsonNode? scenario)
    {
        var item = scenario!.AsObject();
        if (System.Text.Encoding.UTF8.GetByteCount(item.ToJsonString()) <= MaxScenarioBytes)
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
        return System.Text.Encoding.UTF8.GetByteCount(kept.ToJsonString()) <= MaxScenarioBytes ? kept : new JsonObject { ["name"] = item["name"]?.DeepClone() };
    }

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? Math.Max(0, count) : 0;

    /// <summary>The report's scenarios, or none when a pod left no JSON report (or one too deep to read).</summary>
    private static JsonArray? Reported(string? report)
    {
        try
        {
            return report is null ? null : JsonNode.Parse(report)?["scenarios"] as JsonArray;
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

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

    private static V1ConfigMap Manifest(TestRunObservation observation, string report)
    {
        var run = observation.Run;
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
            Data = new Dictionary<string, string> { [ReportKey] = report },
        };
    }
}
