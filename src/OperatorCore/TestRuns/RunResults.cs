using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Probes.Report;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// A run's full results, as <c>netra-operator results</c> and the results UI show them: every case of its kept report, and
/// every scenario of its status in the status' order (one the report does not hold is written as errors saying why),
/// after the suite of a failed deploy when it kept evidence (<see cref="DeployEvidenceReport"/>). A finished run that kept
/// no report (it ended before its probes ran) has its scenarios written so; an unfinished one has no results yet.
/// </summary>
public static class RunResults
{
    /// <summary>The run's results read from its results ConfigMap; null when it has none yet.</summary>
    /// <exception cref="InvalidDataException">The ConfigMap holds no report, or one that does not parse.</exception>
    /// <exception cref="HttpOperationException">The API server refused the read (other than: no such ConfigMap).</exception>
    public static async Task<RunReport?> ReadAsync(IKubernetes client, TestRun run, CancellationToken cancellationToken) =>
        Of(run, await ReadKeptAsync(client, run, cancellationToken));

    /// <summary>What the run's results ConfigMap keeps; null when there is no such ConfigMap.</summary>
    /// <exception cref="InvalidDataException">The ConfigMap holds neither a report nor deploy evidence.</exception>
    public static async Task<KeptResults?> ReadKeptAsync(IKubernetes client, TestRun run, CancellationToken cancellationToken)
    {
        V1ConfigMap map;
        try
        {
            map = await client.CoreV1.ReadNamespacedConfigMapAsync(
                ChildNames.ResultsConfigMap(run), run.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        IDictionary<string, string> data = map.Data ?? new Dictionary<string, string>();
        var kept = new KeptResults(
            data.TryGetValue(ResultsStage.ReportKey, out var report) ? report : null,
            data.TryGetValue(DeployEvidence.Key, out var evidence) ? evidence : null);
        return kept is { Report: null, DeployEvidence: null }
            ? throw new InvalidDataException($"the results of TestRun {Where(run)} hold no report.")
            : kept;
    }

    /// <summary>The run's results from what it kept; null when it kept nothing and has not finished.</summary>
    /// <exception cref="InvalidDataException">The kept report does not parse.</exception>
    public static RunReport? Of(TestRun run, KeptResults? kept)
    {
        if (kept?.Report is null && run.Status?.Phase is not (Phases.Succeeded or Phases.Failed))
        {
            return null;
        }

        var report = kept?.Report is { } json ? JsonReport.Parse(json, ChildNames.ResultsConfigMap(run)) : Empty(run);
        return DeployEvidenceReport.With(EveryScenario(report, run), run, kept?.DeployEvidence);
    }

    /// <summary>The report as the <c>--json</c> file holds it.</summary>
    public static string Json(RunReport report) => JsonReport.Serialize(report);

    /// <summary>The report as the <c>--junit</c> file holds it.</summary>
    public static string JUnit(RunReport report) => JUnitReport.Text(report);

    public static string Where(TestRun run) => $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";

    private static RunReport Empty(TestRun run)
    {
        var status = run.Status ?? new TestRunStatus();
        var ending = status.Conditions.Find(ConditionTypes.Finished);
        var started = status.StartTime ?? status.CompletionTime ?? DateTimeOffset.UtcNow;
        return new RunReport(
            started,
            (status.CompletionTime ?? started) - started,
            [],
            ending?.Reason is Reasons.Succeeded or Reasons.TestsFailed ? null : ending?.Message);
    }

    private static RunReport EveryScenario(RunReport report, TestRun run)
    {
        IReadOnlyList<string> order = run.Status?.Scenarios is { Count: > 0 } statuses
            ? [.. statuses.Select(s => s.Name)]
            : TestRunDefaults.Resolve(run.Spec).Scenarios;
        var reported = report.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return report with
        {
            Scenarios = [.. order.Select(name => reported.TryGetValue(name, out var found) && found.Cases.Count > 0
                ? found
                : NotRun.Scenario(name, ResultsStatus.WhyNoReport(run.Status, name)))],
        };
    }
}
