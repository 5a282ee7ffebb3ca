using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Local;
using Spectre.Console;

namespace Netra.Operator.Tests.Local;

/// <summary>
/// Re-runs through the local body, as through the operator: a run that timed out, asked to run again after its timeout
/// window, starts afresh (a new start time, its own timeout) and probes; the run that ended is kept in its history.
/// </summary>
public sealed class LocalRerunTests
{
    /// <summary>The system clock, moved forward on demand: the run's 10 minutes pass without waiting for them.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    [Fact]
    public async Task A_run_that_timed_out_runs_again_afresh_by_annotation_and_by_spec_edit_with_the_first_in_its_history()
    {
        var run = TestRunManifest.Parse("""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: again}
            spec:
              # Long enough for a loaded machine to run the scenario again: the clock jumps past it for the first run.
              timeout: 10m
              scenarios: [auth-service-independence]
            """, "again.yaml");
        var clock = new MovableClock();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null) });
        var first = new LocalRun(console, clock);
        // The moment the probes start, the run's 10 minutes are over.
        first.Progress += message =>
        {
            if (message.StartsWith("Probing", StringComparison.Ordinal) && run.Status?.Run == 1)
            {
                clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
            }
        };

        await first.ExecuteAsync(run, CancellationToken.None);
        var timedOut = run.Status!;
        Assert.Equal(Reasons.TimedOut, timedOut.Conditions.Find(ConditionTypes.Finished)!.Reason);

        clock.Advance(TimeSpan.FromSeconds(4));
        run.Metadata.Annotations = new Dictionary<string, string> { [ChildNames.RerunAnnotation] = "2" };
        await new LocalRun(console, clock).ExecuteAsync(run, CancellationToken.None);
        var second = run.Status!;

        Assert.Equal((2, Phases.Succeeded), (second.Run, second.Phase));
        Assert.True(
            second.StartTime >= timedOut.StartTime + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5), $"run 2 started {second.StartTime}");
        Assert.True(second.Summary!.Passed > 0);
        var kept = Assert.Single(second.History);
        Assert.Equal((1, Reasons.TimedOut, timedOut.StartTime), (kept.Run, kept.Reason, kept.StartTime));

        // A spec edit, as the API server records it: a new generation.
        run.Spec.Retries = 1;
        run.Metadata.Generation = 2;
        await new LocalRun(console, clock).ExecuteAsync(run, CancellationToken.None);
        var third = run.Status!;

        Assert.Equal((3, Phases.Succeeded, 2L), (third.Run, third.Phase, third.ObservedGeneration));
        Assert.True(third.StartTime >= second.CompletionTime, $"run 3 started {third.StartTime}");
        Assert.Equal([2, 1], third.History.Select(h => h.Run));
    }
}
