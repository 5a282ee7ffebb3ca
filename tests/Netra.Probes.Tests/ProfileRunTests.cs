using Netra.Testing;
using Netra.Probes.Contract;
using Netra.Probes.Running;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

/// <summary><c>netra-probes run</c> as a process, against the three services started in process.</summary>
[Collection(LiveServices.Name)]
public sealed class ProfileRunTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(5);

    private const int MaxLoginsPerSafeRun = 12;

    /// <summary>Tokens auth issued at login so far, from its own metrics.</summary>
    private static async Task<int> PasswordLoginsAsync(HttpClient http, ServiceTrio services)
    {
        const string Series = "netra_auth_tokens_issued_total{grant=\"password\"} ";
        var metrics = await http.GetStringAsync(new Uri(services.Auth.Address, "metrics"));
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(Series, StringComparison.Ordinal));
        return line is null ? 0 : (int)double.Parse(line[Series.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_safe_profile_passes_twice_in_a_row_against_services_with_production_defaults()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var http = new HttpClient();

        foreach (var attempt in new[] { "first", "second" })
        {
            var loginsBefore = await PasswordLoginsAsync(http, services);
            using var run = new ProbeRuns();
            var exit = await CommandProcess.RunAsync("netra-probes", run.Arguments(services.Targets, ProbeProfiles.Safe), RunDeadline, services.ProbeVariables);

            Assert.True(exit.Code == 0, $"{attempt} run: {exit}");
            var cases = run.Cases();
            Assert.Equal(90, cases.Count);
            Assert.DoesNotContain(cases, c => c.Result is "failed" or "error");
            Assert.All(cases.Where(c => c.Result == "skipped"), c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
            var breaker = Assert.Single(cases, c => c.Id == "agent-failure-recovery/breaker-state-in-metrics");
            Assert.Contains("not in the safe profile", breaker.Message, StringComparison.Ordinal);
            var revocation = Assert.Single(cases, c => c.Id == "streaming-auth-validation/revoked-closes-4001");
            Assert.Equal("skipped", revocation.Result);
            Assert.Contains("re-checks tokens every 30 s", revocation.Message, StringComparison.Ordinal);
            Assert.Contains(cases, c => c.Id == "agent-lifecycle-events/deterministic" && c.Result == "passed");

            // Progress on stderr, unwrapped although longer than 80 columns; results on stdout.
            Assert.Contains(exit.StderrLines, line => line.Contains(revocation.Message!, StringComparison.Ordinal));
            Assert.DoesNotContain("PASS", exit.Stdout, StringComparison.Ordinal);
            Assert.Contains("All cases passed", exit.Stdout, StringComparison.Ordinal);

            // One login per user for the cases that share a session, one each for the cases about login, refresh or logout.
            Assert.InRange(await PasswordLoginsAsync(http, services) - loginsBefore, 1, MaxLoginsPerSafeRun);
        }
    }

    [Fact]
    public async Task The_probes_learn_what_the_services_do_from_the_agent_and_the_backend_themselves()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var http = new HttpClient();
        var context = new ProbeContext(services.Targets, ProbeCredentials.FromEnvironment(services.ProbeVariables.GetValueOrDefault), http);

        Assert.Equal(new AgentCapabilities("scripted", FaultInjection: false), await context.Facts.AgentAsync(CancellationToken.None));
        Assert.Equal(new BackendTiming(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), await context.Facts.BackendAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_full_profile_passes_every_case_against_the_probe_environment_settings_with_every_scenario_at_once()
    {
        await using var services = await ServiceTrio.StartProbeEnvironmentAsync();
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync("netra-probes", run.Arguments(services.Targets, ProbeProfiles.Full, "--parallelism", "10"), RunDeadline);

        var cases = run.Cases();
        var notPassed = cases.Where(c => c.Result != "passed").Select(c => $"{c.Id}: {c.Result} {c.Message}").ToList();
        Assert.True(notPassed.Count == 0, string.Join("\n", notPassed));
        Assert.Equal(90, cases.Count);
        Assert.True(exit.Code == 0, exit.ToString());
    }
}
