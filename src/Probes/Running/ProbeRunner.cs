using System.Collections.Concurrent;
using System.Diagnostics;
using Netra.Probes.Contract;
using Netra.Probes.Evidence;
using Netra.Probes.Report;

namespace Netra.Probes.Running;

/// <summary>
/// Runs scenarios after a preflight of the three services: up to <c>parallelism</c> scenarios at once, each
/// scenario's cases in order (those marked to run alongside start at once), every case under its own
/// deadline and only when its preconditions hold; exclusive scenarios run afterwards, one at a time. A case's
/// exception becomes its result; nothing a case does stops the run. Each attempt of a case has its own transcript, whose
/// last entries become the evidence of a failure or an error; each scenario collects the pods that answered it
/// (<see cref="AnsweringPods"/>). A failed preflight or a cancellation
/// does: the report then holds the cases that finished and lists the rest as errors, each saying why it did not run
/// (a case that did not run because something failed is never a silent skip).
/// </summary>
public sealed class ProbeRunner(ProbeContext context, IRunObserver observer, TimeSpan caseTimeout)
{
    public const string Interrupted = "interrupted: the run was stopped before its cases finished";

    /// <summary>How long running cases get to wind down after a cancellation before the report is made without them.</summary>
    public static readonly TimeSpan WindDown = TimeSpan.FromMilliseconds(500);

    /// <summary>What runs before any case: null to go on, else why the run ends there. <see cref="Preflight"/> by default.</summary>
    public Func<CancellationToken, Task<string?>> ReadinessCheck { get; init; } =
        ct => Preflight.CheckAsync(context.Targets, context.Http, Preflight.DefaultBudget, ct);

    public async Task<RunReport> RunAsync(IReadOnlyList<IScenario> scenarios, int parallelism, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var finished = new ConcurrentDictionary<string, CaseResult>(StringComparer.Ordinal);
        var tallies = scenarios.ToDictionary(
            s => s.Name, _ => new Tally(new Stopwatch(), new AnsweringPods(context.Targets)), StringComparer.Ordinal);
        string? aborted;
        try
        {
            aborted = CredentialsRefusal() ?? await ReadinessCheck(cancellationToken);
            if (aborted is null)
            {
                var work = RunAllAsync(scenarios, parallelism, finished, tallies, cancellationToken);
                try
                {
                    await work.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await Task.WhenAny(work, Task.Delay(WindDown, CancellationToken.None));
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            aborted = Interrupted;
        }

        var results = scenarios.Select(s => new ScenarioResult(
            s.Name,
            [.. s.Cases.Select(c => finished.TryGetValue(c.Id, out var result) ? result : NotRunCase(s, c, aborted!))],
            tallies[s.Name].Clock.Elapsed,
            tallies[s.Name].Pods.AnsweredBy())).ToList();
        return new RunReport(startedAt, clock.Elapsed, results, aborted);
    }

    /// <summary>Why the credentials may not go to the targets (the Secret's owner did not list a host), before anything is sent.</summary>
    private string? CredentialsRefusal() => context.Credentials.AllowedHosts is { } hosts
        ? CredentialHosts.Refusal(
            hosts, [("authUrl", context.Targets.AuthUrl), ("backendUrl", context.Targets.BackendUrl), ("agentUrl", context.Targets.AgentUrl)])
        : null;

    private static CaseResult NotRunCase(IScenario scenario, ProbeCase probeCase, string reason) =>
        new(probeCase.Id, scenario.Name, probeCase.Description, CaseOutcome.Error, TimeSpan.Zero, NotRun.Message(reason));

    private async Task RunAllAsync(
        IReadOnlyList<IScenario> scenarios,
        int parallelism,
        ConcurrentDictionary<string, CaseResult> finished,
        Dictionary<string, Tally> tallies,
        CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(scenarios.Where(s => !s.Exclusive), options, (scenario, token) =>
            new ValueTask(RunScenarioAsync(scenario, finished, tallies[scenario.Name], token)));

        foreach (var scenario in scenarios.Where(s => s.Exclusive))
        {
            await RunScenarioAsync(scenario, finished, tallies[scenario.Name], cancellationToken);
        }
    }

    private async Task RunScenarioAsync(
        IScenario scenario, ConcurrentDictionary<string, CaseResult> finished, Tally tally, CancellationToken cancellationToken)
    {
        tally.Pods.MakeCurrent();
        tally.Clock.Start();
        try
        {
            var alongside = scenario.Cases
                .Where(c => c.Alongside)
                .Select(c => ObservedAsync(scenario.Name, c, finished, cancellationToken))
                .ToList();
            foreach (var probeCase in scenario.Cases.Where(c => !c.Alongside))
            {
                await ObservedAsync(scenario.Name, probeCase, finished, cancellationToken);
            }

            await Task.WhenAll(alongside);
        }
        finally
        {
            tally.Clock.Stop();
        }
    }

    private async Task ObservedAsync(
        string scenario, ProbeCase probeCase, ConcurrentDictionary<string, CaseResult> finished, CancellationToken cancellationToken)
    {
        // Yield first, so that cases started alongside do not run their synchronous start one after another.
        await Task.Yield();
        var result = await RunCaseAsync(scenario, probeCase, cancellationToken);
        finished[probeCase.Id] = result;
        observer.CaseFinished(result);
    }

    private async Task<CaseResult> RunCaseAsync(string scenario, ProbeCase probeCase, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(caseTimeout);
        var clock = Stopwatch.StartNew();
        var transcript = CaseTranscript.Begin();

        (CaseOutcome Outcome, string? Message) ending;
        try
        {
            if (await CasePreconditions.UnmetAsync(probeCase, context, caseTimeout, deadline.Token) is { } reason)
            {
                throw new ProbeSkippedException(reason);
            }

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
            ending = (CaseOutcome.Error, $"the case broke off: {error.Message}");
        }

        var evidence = ending.Outcome is CaseOutcome.Failed or CaseOutcome.Error ? transcript.Evidence() : null;
        return new CaseResult(probeCase.Id, scenario, probeCase.Description, ending.Outcome, clock.Elapsed, ending.Message, Evidence: evidence);
    }

    /// <summary>What a scenario's run adds up beside its cases: its wall time and the pods that answered it.</summary>
    private sealed record Tally(Stopwatch Clock, AnsweringPods Pods);
}
