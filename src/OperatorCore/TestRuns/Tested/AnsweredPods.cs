using System.Text.Json;
using System.Text.Json.Nodes;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// The pods that answered the probes of a run, per service: the <c>answered_by</c> of each scenario in the reports of the
/// run's finished probe Jobs (every attempt), as the services named their pods (<c>Netra-Pod</c>). Distinct, in ordinal
/// order, at most <see cref="TestedStatus.MaxImages"/> in all: a report is a pod's word, so it is held to that bound.
/// </summary>
public static class AnsweredPods
{
    /// <summary>The longest pod name (a DNS subdomain name).</summary>
    private const int MaxNameChars = 253;

    /// <summary>(service, pod name) pairs, services in <see cref="TestedServices.All"/>'s order.</summary>
    public static IReadOnlyList<(string Service, string Pod)> Of(TestRun run, ResolvedSpec spec, IReadOnlyDictionary<string, JobObservation> jobs)
    {
        var reports = spec.Scenarios
            .SelectMany((_, index) => Enumerable.Range(1, spec.MaxAttempts).Select(attempt => ChildNames.ProbeJob(run, attempt, index)))
            .Select(jobs.GetValueOrDefault)
            .Where(job => job is { Progress: not JobProgress.Running })
            .Select(job => ProbeResults.Report(job!))
            .OfType<string>();
        var named = reports.SelectMany(Named).ToList();
        return [.. TestedServices.All
            .SelectMany(service => named.Where(n => n.Service == service).Select(n => n.Pod).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).Select(pod => (service, pod)))
            .Take(TestedStatus.MaxImages)];
    }

    private static IEnumerable<(string Service, string Pod)> Named(string report)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(report);
        }
        catch (JsonException)
        {
            return [];
        }

        return (parsed?["scenarios"] as JsonArray ?? [])
            .Select(scenario => scenario?[Stages.ResultsStage.AnsweredByField] as JsonObject)
            .OfType<JsonObject>()
            .SelectMany(answered => TestedServices.All.SelectMany(service => Names(answered[service]).Select(pod => (service, pod))));
    }

    private static IEnumerable<string> Names(JsonNode? node) =>
        (node as JsonArray ?? [])
            .Select(name => name is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null)
            .Where(name => name is { Length: > 0 and <= MaxNameChars } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            .OfType<string>();
}
