using System.Collections.Concurrent;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

public sealed class ProbeRunnerTests
{
    private sealed class RecordingObserver : IRunObserver
    {
        public ConcurrentQueue<CaseResult> Seen { get; } = new();

        public void CaseFinished(CaseResult result) => Seen.Enqueue(result);
    }

    private static readonly ProbeContext Context = new(
        new ProbeTargets(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"), new Uri("http://127.0.0.1:3")),
        ProbeCredentials.DevelopmentSeed,
        new HttpClient());

    private static ProbeCase Case(string id, Func<CancellationToken, Task> run, CaseNeeds needs = CaseNeeds.None) =>
        new(id, $"does {id}", (_, ct) => run(ct), Needs: needs);

    /// <summary>A runner whose services count as ready: these tests are about the runner, not about services.</summary>
    private static ProbeRunner Runner(IRunObserver observer, TimeSpan caseTimeout, ProbeContext? context = null) =>
        new(context ?? Context, observer, caseTimeout) { ReadinessCheck = _ => Task.FromResult<string?>(null) };

    [Fact]
    public async Task Each_way_a_case_can_end_becomes_its_outcome_and_message()
    {
        var scenario = new TestScenario("s", [
            Case("s/passes", _ => Task.CompletedTask),
            Case("s/fails", _ => throw new ProbeFailedException("expected 401, got 200")),
            Case("s/skips", _ => throw Expect.Skip("fault injection is disabled")),
            Case("s/breaks", _ => throw new InvalidOperationException("socket closed")),
            Case("s/hangs", ct => Task.Delay(Timeout.Infinite, ct)),
        ]);
        var observer = new RecordingObserver();

        var report = await Runner(observer, TimeSpan.FromMilliseconds(200))
            .RunAsync([scenario], parallelism: 1, CancellationToken.None);

        var cases = report.Scenarios.Single().Cases;
        Assert.Equal(
            [CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Skipped, CaseOutcome.Error, CaseOutcome.Error],
            cases.Select(c => c.Outcome));
        Assert.Null(cases[0].Message);
        Assert.Equal("expected 401, got 200", cases[1].Message);
        Assert.Equal("fault injection is disabled", cases[2].Message);
        Assert.Equal("the case broke off: socket closed", cases[3].Message);
        Assert.StartsWith("timed out after 0.2 s", cases[4].Message, StringComparison.Ordinal);
        Assert.Equal(cases.Select(c => c.Id), observer.Seen.Select(c => c.Id));
        Assert.Equal(new RunSummary(5, 1, 1, 1, 2), report.Summary);
        Assert.False(report.Summary.Succeeded);
    }

    [Fact]
    public async Task Scenarios_run_at_once_up_to_the_parallelism_and_report_in_selection_order()
    {
        var running = 0;
        var peak = 0;
        var bothStarted = new TaskCompletionSource();
        async Task Track(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == 2)
            {
                bothStarted.TrySetResult();
            }

            await bothStarted.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
        }

        var scenarios = new[] { "a", "b", "c", "d" }
            .Select(name => new TestScenario(name, [Case($"{name}/one", Track)]))
            .ToList<IScenario>();

        var report = await Runner(new RecordingObserver(), TimeSpan.FromSeconds(10))
            .RunAsync(scenarios, parallelism: 2, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d"], report.Scenarios.Select(s => s.Name));
        Assert.Equal(2, peak);
        Assert.True(report.Summary.Succeeded);
    }

    [Fact]
    public async Task An_exclusive_scenario_runs_alone_after_the_others_and_reports_in_its_place()
    {
        var running = 0;
        var seenRunningWithExclusive = -1;
        var finishedBeforeExclusive = new ConcurrentQueue<string>();
        var finished = new ConcurrentQueue<string>();
        Func<CancellationToken, Task> Track(string name, bool exclusive) => async _ =>
        {
            var now = Interlocked.Increment(ref running);
            if (exclusive)
            {
                seenRunningWithExclusive = now;
                foreach (var done in finished)
                {
                    finishedBeforeExclusive.Enqueue(done);
                }
            }

            await Task.Yield();
            Interlocked.Decrement(ref running);
            finished.Enqueue(name);
        };

        IScenario[] scenarios =
        [
            new TestScenario("a", [Case("a/one", Track("a", false))]),
            new TestScenario("x", [Case("x/one", Track("x", true))], Exclusive: true),
            new TestScenario("b", [Case("b/one", Track("b", false))]),
        ];

        var report = await Runner(new RecordingObserver(), TimeSpan.FromSeconds(10))
            .RunAsync(scenarios, parallelism: 3, CancellationToken.None);

        Assert.Equal(["a", "x", "b"], report.Scenarios.Select(s => s.Name));
        Assert.Equal(1, seenRunningWithExclusive);
        Assert.Equal(["a", "b"], finishedBeforeExclusive.Order());
    }

    [Fact]
    public async Task A_case_that_runs_alongside_overlaps_the_others_and_still_reports_in_its_place()
    {
        var waiting = new TaskCompletionSource();
        var scenario = new TestScenario("s", [
            new ProbeCase("s/waits", "waits for the last case", (_, ct) => waiting.Task.WaitAsync(ct), Alongside: true),
            Case("s/first", _ => Task.CompletedTask),
            Case("s/releases", _ =>
            {
                waiting.SetResult();
                return Task.CompletedTask;
            }),
        ]);
        var observer = new RecordingObserver();

        var report = await Runner(observer, TimeSpan.FromSeconds(10))
            .RunAsync([scenario], parallelism: 1, CancellationToken.None);

        // Had "s/waits" run before the others, it would have waited for "s/releases" until its deadline.
        Assert.Equal(["s/waits", "s/first", "s/releases"], report.Scenarios.Single().Cases.Select(c => c.Id));
        Assert.True(report.Summary.Succeeded);
        Assert.Equal(3, observer.Seen.Count);
    }

    [Fact]
    public async Task The_safe_profile_skips_the_cases_it_excludes_naming_the_profile()
    {
        var safe = new ProbeContext(Context.Targets, ProbeCredentials.DevelopmentSeed, new HttpClient(), ProbeProfiles.Safe);
        var scenario = new TestScenario("s", [
            Case("s/faults", _ => Task.CompletedTask, CaseNeeds.FaultInjection),
            Case("s/expiry", _ => Task.CompletedTask, CaseNeeds.ShortTokens),
            Case("s/limits", _ => Task.CompletedTask, CaseNeeds.Throttling),
            Case("s/plain", _ => Task.CompletedTask),
        ]);

        var report = await Runner(new RecordingObserver(), TimeSpan.FromSeconds(10), safe).RunAsync([scenario], 1, CancellationToken.None);

        var cases = report.Scenarios.Single().Cases;
        Assert.Equal([CaseOutcome.Skipped, CaseOutcome.Skipped, CaseOutcome.Skipped, CaseOutcome.Passed], cases.Select(c => c.Outcome));
        Assert.All(cases.Take(3), c => Assert.StartsWith("not in the safe profile", c.Message, StringComparison.Ordinal));
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task A_case_that_reads_the_open_breaker_is_skipped_when_no_case_opened_it()
    {
        var scenario = new TestScenario("s", [Case("s/reads-breaker", _ => throw new ProbeFailedException("breaker closed"), CaseNeeds.BreakerOpened)]);

        var report = await Runner(new RecordingObserver(), TimeSpan.FromSeconds(10)).RunAsync([scenario], 1, CancellationToken.None);

        var result = report.Scenarios.Single().Cases.Single();
        Assert.Equal(CaseOutcome.Skipped, result.Outcome);
        Assert.Contains("breaker was not opened", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_readiness_check_ends_the_run_before_any_case_with_its_reason()
    {
        var ran = false;
        var scenario = new TestScenario("s", [Case("s/one", _ => Task.FromResult(ran = true))]);
        var runner = new ProbeRunner(Context, new RecordingObserver(), TimeSpan.FromSeconds(10))
        {
            ReadinessCheck = _ => Task.FromResult<string?>("preflight failed: agent is unreachable"),
        };

        var report = await runner.RunAsync([scenario], 1, CancellationToken.None);

        Assert.False(ran);
        Assert.Equal("preflight failed: agent is unreachable", report.Aborted);
        Assert.Equal("not run: preflight failed: agent is unreachable", report.Scenarios.Single().Cases.Single().Message);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task A_cancelled_run_reports_what_finished_and_lists_the_rest_as_not_run()
    {
        using var stop = new CancellationTokenSource();
        var scenario = new TestScenario("s", [
            Case("s/done", _ => Task.CompletedTask),
            Case("s/stops", async ct =>
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }),
            Case("s/never", _ => Task.CompletedTask),
        ]);

        var report = await Runner(new RecordingObserver(), TimeSpan.FromSeconds(30)).RunAsync([scenario], 1, stop.Token);

        Assert.Equal(ProbeRunner.Interrupted, report.Aborted);
        var cases = report.Scenarios.Single().Cases;
        Assert.Equal(CaseOutcome.Passed, cases[0].Outcome);
        Assert.All(cases.Skip(1), c => Assert.Equal($"not run: {ProbeRunner.Interrupted}", c.Message));
    }

    [Fact]
    public void A_run_without_any_passed_case_is_not_a_success()
    {
        Assert.False(RunSummary.Of([]).Succeeded);
        Assert.False(RunSummary.Of([new CaseResult("s/x", "s", "x", CaseOutcome.Skipped, TimeSpan.Zero, "why")]).Succeeded);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
