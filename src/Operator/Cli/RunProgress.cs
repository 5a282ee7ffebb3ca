using System.Globalization;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;
using Netra.Probes.Reporting;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// What following a cluster run prints as its status changes, in the local run's words: the Ready condition's message
/// whenever it changes (grey, as the local run prints it), after a PASS / FAIL / SKIP / ERROR line for each scenario
/// whose result it brings. A status that is still the previous run's (a re-run asked for, not yet started) says nothing.
/// </summary>
public static class RunProgress
{
    /// <summary>The lines (Spectre markup) that <paramref name="now"/> gives after <paramref name="shown"/>, the status last told.</summary>
    public static IReadOnlyList<string> Lines(TestRunStatus? shown, TestRun now)
    {
        if (!IsCurrent(now))
        {
            return [];
        }

        // Scenarios first: the message that comes with them tells what they added up to, as the local run tells it.
        var status = now.Status!;
        var told = (shown?.Scenarios ?? []).ToDictionary(s => s.Name, s => s.Result, StringComparer.Ordinal);
        var lines = status.Scenarios
            .Where(s => !told.TryGetValue(s.Name, out var result) || result != s.Result)
            .Select(Finished)
            .ToList();
        var said = shown?.Conditions.Find(ConditionTypes.Ready)?.Message;
        if (status.Conditions.Find(ConditionTypes.Ready)?.Message is { Length: > 0 } message && message != said)
        {
            lines.Add($"[grey]{Markup.Escape(message)}[/]");
        }

        return lines;
    }

    /// <summary>The status is about the run the TestRun's spec and annotation ask for, not an earlier one.</summary>
    public static bool IsCurrent(TestRun run) => run.Status is { Phase: not null } status && !RunStatuses.RerunRequested(run, status);

    /// <summary>The run asked for is over, whatever its outcome.</summary>
    public static bool IsOver(TestRun run) => IsCurrent(run) && run.Status!.Phase is Phases.Succeeded or Phases.Failed;

    /// <summary>What the run is doing, in a few words: its phase and Ready message, or that the operator has not started it.</summary>
    public static string Doing(TestRun? run) => run switch
    {
        _ when run is not null && IsCurrent(run) =>
            $"{run.Status!.Phase}: {run.Status.Conditions.Find(ConditionTypes.Ready)?.Message ?? "no message"}",
        { Status.Phase: not null } => $"not started again by the operator yet (its status is still run {run.Status.Run ?? 1}'s)",
        _ => "not started by the operator yet (no status for it)",
    };

    private static string Finished(ScenarioStatus scenario)
    {
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{scenario.Passed} passed, {scenario.Failed} failed, {scenario.Errors} errors, {scenario.Skipped} skipped, "
            + $"{scenario.Attempts} attempt(s), {scenario.DurationMs} ms");
        var quarantined = scenario.Quarantined == true ? " (quarantined)" : string.Empty;
        var line = $"{Badge(scenario.Result)} {Markup.Escape(scenario.Name)}{quarantined} [grey]{counts}[/]";
        return scenario.Failures is [{ Message: { Length: > 0 } first }, ..]
            ? line + $"\n       [grey]{Markup.Escape(first)}[/]"
            : line;
    }

    private static string Badge(string result) => result == ScenarioResults.Flaky ? "[yellow]FLAKY[/]" : ConsoleReporter.Badge(result switch
    {
        ScenarioResults.Passed => CaseOutcome.Passed,
        ScenarioResults.Failed => CaseOutcome.Failed,
        ScenarioResults.Skipped => CaseOutcome.Skipped,
        _ => CaseOutcome.Error,
    });
}
