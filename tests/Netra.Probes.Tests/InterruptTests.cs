using System.Diagnostics;
using System.Xml.Linq;
using Netra.Testing;
using Netra.Probes.Cli;
using Netra.Probes.Contract;
using Netra.Probes.Running;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

/// <summary>Ctrl-C or a kubelet's SIGTERM stops a run quickly, and the reports still hold what finished.</summary>
[Collection(LiveServices.Name)]
public sealed class InterruptTests
{
    /// <summary>The least any bound on work that starts or stops a process is given, however fast the machine.</summary>
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("INT", ProbesCommand.ExitInterrupted)]
    [InlineData("TERM", ProbesCommand.ExitTerminated)]
    public async Task A_signal_stops_the_run_sooner_than_it_got_going_and_the_reports_hold_what_finished(string signal, int exitCode)
    {
        await using var services = await ServiceTrio.StartProbeEnvironmentAsync();
        using var run = new ProbeRuns();
        var starting = Stopwatch.StartNew();
        using var probes = CommandProcess.Start("netra-probes", run.Arguments(services.Targets, ProbeProfiles.Full));
        await probes.WaitForStderrAsync("PASS", TimeSpan.FromSeconds(60));
        // The baseline, measured on this machine now: the process started, the preflight passed, a first case passed.
        var gettingGoing = starting.Elapsed;

        var clock = Stopwatch.StartNew();
        probes.Signal(signal);
        var exit = await probes.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Stopping (the running cases wound down, the reports written) costs less than starting.
        var bound = gettingGoing > ProcessBound ? gettingGoing : ProcessBound;
        Assert.True(clock.Elapsed < bound, $"stopped after {clock.Elapsed.TotalSeconds:0.0} s, got going in {gettingGoing.TotalSeconds:0.0} s; {exit}");
        Assert.Equal(exitCode, exit.Code);
        var cases = run.Cases();
        Assert.Equal(90, cases.Count);
        Assert.Contains(cases, c => c.Result == "passed");
        Assert.Contains(cases, c => c.Message == $"not run: {ProbeRunner.Interrupted}");
        Assert.Equal(ProbeRunner.Interrupted, run.Summary().Aborted);
        Assert.Equal(90, XDocument.Load(run.JUnit).Descendants("testcase").Count());
    }
}
