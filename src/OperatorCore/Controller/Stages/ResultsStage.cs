using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// The full results of a finished run: every case, with its message and duration. Each probe pod packs its report
/// into its termination message (<see cref="PackedReport"/>); the last attempt of each scenario, in the spec's order,
/// becomes one report in the probes' own JSON format, kept in a ConfigMap owned by the run (it goes with the run;
/// its size is bounded by the termination messages it is made of). <c>netra-operator results</c> reads it.
/// </summary>
public static class ResultsStage
{
    public const string ReportKey = "results.json";

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
            if (report is not null && JsonNode.Parse(report)?["scenarios"] is JsonArray reported)
            {
                foreach (var scenario in reported.Where(s => (string?)s?["name"] == job.Scenario))
                {
                    scenarios.Add(scenario!.DeepClone());
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

    private static JsonObject Sum(JsonArray scenarios)
    {
        var total = new JsonObject();
        foreach (var counts in scenarios.Select(s => s?["summary"]).OfType<JsonObject>())
        {
            foreach (var (name, value) in counts)
            {
                total[name] = ((long?)total[name] ?? 0) + ((long?)value ?? 0);
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
