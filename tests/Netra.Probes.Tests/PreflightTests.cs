using Netra.Testing;
using Netra.Probes.Cli;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;
using Netra.Probes.Reporting;
using Netra.Probes.Tests.Support;
using Netra.Probes.Tests.Surefire;

namespace Netra.Probes.Tests;

/// <summary>A service that is down or hangs ends the run before any case, naming the service.</summary>
[Collection(LiveServices.Name)]
public sealed class PreflightTests
{
    /// <summary>What starting the process may add to the run's own time on a busy machine.</summary>
    private static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Also what a CI system reads of it: every case an error saying why it did not run (Surefire's parser counts no skip),
    /// and the whole report as the last line of standard output, where the operator reads it from the pod's log.
    /// </summary>
    [Fact]
    public async Task With_the_agent_stopped_the_run_fails_within_30_s_naming_the_agent()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        await services.StopAgentAsync();
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync("netra-probes", run.Arguments(services.Targets, ProbeProfiles.Safe), TimeSpan.FromSeconds(30), services.ProbeVariables);

        Assert.True(exit.Code == ProbesCommand.ExitAborted, exit.ToString());
        // Said once, in the verdict on standard output (where the summary is), not again on standard error.
        Assert.Contains(exit.Stdout.Split('\n'), l => l.StartsWith("Aborted: preflight failed: agent is unreachable", StringComparison.Ordinal)
            && l.Contains("connection refused", StringComparison.Ordinal));
        Assert.DoesNotContain("agent is unreachable", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("backend", run.Summary().Aborted, StringComparison.Ordinal);
        Assert.StartsWith("preflight failed: agent is unreachable", run.Summary().Aborted, StringComparison.Ordinal);
        Assert.All(run.Cases(), c => Assert.StartsWith("not run: preflight failed", c.Message, StringComparison.Ordinal));
        Assert.All(run.Cases(), c => Assert.Equal("error", c.Result));
        var cases = run.Cases().Count;
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
    public async Task An_endpoint_that_accepts_and_never_answers_fails_the_run_within_the_preflight_deadline()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var hung = new HangingListener();
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync("netra-probes", 
            run.Arguments(services.Targets with { BackendUrl = hung.Address }, ProbeProfiles.Safe), Preflight.DefaultDeadline + ProcessStart, services.ProbeVariables);

        Assert.True(exit.Code == ProbesCommand.ExitAborted, exit.ToString());
        Assert.Contains(exit.Stdout.Split('\n'), l => l.StartsWith("Aborted: ", StringComparison.Ordinal) && l.Contains("backend did not answer", StringComparison.Ordinal));
        Assert.Contains("backend did not answer", run.Summary().Aborted, StringComparison.Ordinal);
        Assert.Equal(0, run.Summary().Counts.Passed);
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
}
