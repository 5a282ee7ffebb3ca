using System.Globalization;
using System.Text.RegularExpressions;
using Netra.Testing;
using Netra.Probes.Cli;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;
using Netra.Probes.Report;
using Netra.Probes.Tests.Support;
using Netra.Probes.Tests.Surefire;

namespace Netra.Probes.Tests;

/// <summary>
/// A service that is down or hangs ends the run before any case, naming the service and how long it was waited for;
/// one still starting is asked again within the preflight's budget and the run goes on.
/// </summary>
[Collection(LiveServices.Name)]
public sealed partial class PreflightTests
{
    /// <summary>What starting the process may add to the run's own time on a busy machine.</summary>
    private static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(30);

    /// <summary>A budget short enough for a test, long enough for several attempts.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>How late a busy machine may end the last request past the budget.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private static readonly string[] BudgetArguments = [ProbeCommandLine.PreflightTimeout, Budget.ToString("c", CultureInfo.InvariantCulture)];

    /// <summary>
    /// Also what a CI system reads of it: every case an error saying why it did not run (Surefire's parser counts no skip),
    /// and the whole report as the last line of standard output, where the operator reads it from the pod's log.
    /// </summary>
    [Fact]
    public async Task With_the_agent_stopped_the_run_fails_after_the_preflight_budget_naming_the_agent_and_the_wait()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        await services.StopAgentAsync();
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync(
            "netra-probes", run.Arguments(services.Targets, ProbeProfiles.Safe, BudgetArguments), Budget + ProcessStart, services.ProbeVariables);

        Assert.True(exit.Code == ProbesCommand.ExitAborted, exit.ToString());
        // Said once, in the verdict on standard output (where the summary is), not again on standard error.
        Assert.Contains(exit.Stdout.Split('\n'), l => l.StartsWith("Aborted: preflight failed: agent is unreachable", StringComparison.Ordinal)
            && l.Contains("connection refused", StringComparison.Ordinal));
        Assert.DoesNotContain("agent is unreachable", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("backend", run.Summary().Aborted, StringComparison.Ordinal);
        Assert.StartsWith("preflight failed: agent is unreachable", run.Summary().Aborted, StringComparison.Ordinal);
        var (asked, waited) = Waited(run.Summary().Aborted!);
        Assert.True(asked > 1, $"asked once only: {run.Summary().Aborted}");
        Assert.InRange(waited, Budget.TotalSeconds - Preflight.Pause.TotalSeconds, Budget.TotalSeconds + Slack.TotalSeconds);
        Assert.All(run.Cases(), c => Assert.StartsWith("not run: preflight failed", c.Message, StringComparison.Ordinal));
        Assert.All(run.Cases(), c => Assert.Equal("error", c.Result));
        var cases = run.Cases().Count;
        Assert.Empty(SurefireReports.SchemaProblems(run.JUnit));
        var suites = (await SurefireReports.ParseAsync(run.JUnit)).Where(l => l.StartsWith("suite ", StringComparison.Ordinal)).ToList();
        Assert.Equal(cases, suites.Sum(l => Count(l, "errors")));
        Assert.Equal(0, suites.Sum(l => Count(l, "skipped")) + suites.Sum(l => Count(l, "failures")));
        var logged = JsonReport.Parse(ReportLine.Find(exit.Stdout)!, "stdout");
        Assert.Equal(cases, logged.Summary.Errors);
    }

    private static int Count(string suiteLine, string name) => int.Parse(
        suiteLine.Split(' ').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..],
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_endpoint_that_accepts_and_never_answers_fails_the_run_after_the_preflight_request_deadline()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var hung = new HangingListener();
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync(
            "netra-probes",
            run.Arguments(services.Targets with { BackendUrl = hung.Address }, ProbeProfiles.Safe, BudgetArguments),
            Budget + ProcessStart,
            services.ProbeVariables);

        Assert.True(exit.Code == ProbesCommand.ExitAborted, exit.ToString());
        Assert.Contains(exit.Stdout.Split('\n'), l => l.StartsWith("Aborted: ", StringComparison.Ordinal) && l.Contains("backend did not answer", StringComparison.Ordinal));
        Assert.Contains("backend did not answer", run.Summary().Aborted, StringComparison.Ordinal);
        Assert.Equal(0, run.Summary().Counts.Passed);
    }

    [Fact]
    public async Task A_service_still_starting_is_asked_again_until_ready_within_the_budget()
    {
        using var starting = new SlowToBeReady(notReadyFor: 2);
        using var http = UnansweredRequestGuard.CreateClient();
        var targets = new ProbeTargets(starting.Address, starting.Address, starting.Address);

        // Three services asking one endpoint: the first two answers are 503, every later one 200.
        var problem = await Preflight.CheckAsync(targets, http, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Null(problem);
        // Five at least: the two services first answered 503 asked again.
        Assert.True(starting.Asked >= 5, $"asked {starting.Asked} times");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(-10_000_000L)]
    public async Task A_budget_spent_before_a_request_ends_the_wait_naming_the_service_never_an_exception(long budgetTicks)
    {
        // What a busy machine does to a pause that wakes after the budget (here by up to a second): the time left for
        // the next request is already past.
        using var never = new SlowToBeReady(notReadyFor: int.MaxValue);
        using var http = UnansweredRequestGuard.CreateClient();
        var targets = new ProbeTargets(never.Address, never.Address, never.Address);

        var problem = await Preflight.CheckAsync(targets, http, TimeSpan.FromTicks(budgetTicks), CancellationToken.None);

        Assert.NotNull(problem);
        Assert.Contains($"auth did not answer: GET {never.Address}readyz timed out after 0 s (asked 1 time over ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_never_ready_is_named_with_its_last_answer_and_how_long_it_was_waited_for()
    {
        using var never = new SlowToBeReady(notReadyFor: int.MaxValue);
        using var ready = new SlowToBeReady(notReadyFor: 0);
        using var http = UnansweredRequestGuard.CreateClient();
        var targets = new ProbeTargets(ready.Address, ready.Address, never.Address);

        var problem = await Preflight.CheckAsync(targets, http, Budget, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.StartsWith($"preflight failed: agent is not ready: GET {never.Address}readyz answered 503 starting (asked ", problem, StringComparison.Ordinal);
        var (asked, waited) = Waited(problem);
        Assert.Equal(never.Asked, asked);
        Assert.InRange(waited, Budget.TotalSeconds - Preflight.Pause.TotalSeconds, Budget.TotalSeconds + Slack.TotalSeconds);
    }

    [Fact]
    public async Task A_service_that_hangs_after_the_preflight_costs_one_request_timeout_not_one_case_deadline_per_case()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var hung = new HangingListener(answersReadiness: true);
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync("netra-probes", 
            run.Arguments(services.Targets with { AgentUrl = hung.Address }, ProbeProfiles.Safe, "--scenario", "agent-lifecycle-events"),
            UnansweredRequestGuard.RequestTimeout + ProcessStart + ProcessStart,
            services.ProbeVariables);

        Assert.True(exit.Code == ProbesCommand.ExitNotPassed, exit.ToString());
        // Every case the safe profile runs needs the agent; the first waits for it, the others fail at once with the same cause.
        var reached = run.Cases().Where(c => c.Result != "skipped").ToList();
        Assert.Equal(9, reached.Count);
        Assert.All(reached, c => Assert.Contains("did not answer GET /v1/capabilities within 10 s", c.Message, StringComparison.Ordinal));
    }

    private static (int Asked, double Seconds) Waited(string reason)
    {
        var match = WaitedPattern().Match(reason);
        Assert.True(match.Success, $"no wait named in: {reason}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\(asked (\d+) times? over ([\d.]+) s\)")]
    private static partial Regex WaitedPattern();
}
