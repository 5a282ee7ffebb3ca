using System.Diagnostics;
using Netra.Probes.Contract;
using Netra.Probes.Model;

namespace Netra.Probes.Running;

/// <summary>
/// Runs scenarios, up to <c>parallelism</c> at once, each scenario's cases in order (those marked to run
/// alongside start at once), every case under its own deadline; exclusive scenarios run afterwards,
/// one at a time. A case's exception becomes
/// its result; nothing a case does stops the run.
/// </summary>
public sealed class ProbeRunner(ProbeContext context, IRunObserver observer, TimeSpan caseTimeout)
{
    public async Task<RunReport> RunAsync(IReadOnlyList<IScenario> scenarios, int parallelism, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new ScenarioResult[scenarios.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };

        var shared = Enumerable.Range(0, scenarios.Count).Where(i => !scenarios[i].Exclusive);
        await Parallel.ForEachAsync(shared, options, async (index, token) =>
            results[index] = await RunScenarioAsync(scenarios[index], token));

        foreach (var index in Enumerable.Range(0, scenarios.Count).Where(i => scenarios[i].Exclusive))
        {
            results[index] = await RunScenarioAsync(scenarios[index], cancellationToken);
        }

        return new RunReport(startedAt, clock.Elapsed, results);
    }

    private async Task<ScenarioResult> RunScenarioAsync(IScenario scenario, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var alongside = scenario.Cases
            .Where(c => c.Alongside)
            .ToDictionary(c => c.Id, c => ObservedAsync(scenario.Name, c, cancellationToken));
        var results = new Dictionary<string, CaseResult>();
        foreach (var probeCase in scenario.Cases.Where(c => !c.Alongside))
        {
            results[probeCase.Id] = await ObservedAsync(scenario.Name, probeCase, cancellationToken);
        }

        foreach (var (id, running) in alongside)
        {
            results[id] = await running;
        }

        return new ScenarioResult(scenario.Name, [.. scenario.Cases.Select(c => results[c.Id])], clock.Elapsed);
    }

    private async Task<CaseResult> ObservedAsync(string scenario, ProbeCase probeCase, CancellationToken cancellationToken)
    {
        // Yield first, so that cases started alongside do not run their synchronous start one after another.
        await Task.Yield();
        var result = await RunCaseAsync(scenario, probeCase, cancellationToken);
        observer.CaseFinished(result);
        return result;
    }

    private async Task<CaseResult> RunCaseAsync(string scenario, ProbeCase probeCase, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(caseTimeout);
        var clock = Stopwatch.StartNew();

        (CaseOutcome Outcome, string? Message) ending;
        try
        {
            await probeCase.Run(context, deadline.Token);
            ending = (CaseOutcome.Passed, null);
        }
        catch (ProbeFailedException failure)
        {
            ending = (CaseOutcome.Failed, failure.Message);
        }
        catch (ProbeSkippedException skip)
        {
            ending = (CaseOutcome.Skipped, skip.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ending = (CaseOutcome.Error, $"timed out after {caseTimeout.TotalSeconds:0.#} s");
        }
#pragma warning disable CA1031 // Any exception from a case is that case's error, never the run's.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            ending = (CaseOutcome.Error, $"{error.GetType().Name}: {error.Message}");
        }

        return new CaseResult(probeCase.Id, scenario, probeCase.Description, ending.Outcome, clock.Elapsed, ending.Message);
    }
}
