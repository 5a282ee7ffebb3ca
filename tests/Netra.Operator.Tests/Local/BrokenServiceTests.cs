using Netra.Operator.Local;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;

namespace Netra.Operator.Tests.Local;

/// <summary>
/// The probes catch what they claim to: with one feature of a service turned off through its
/// configuration, exactly the cases about that feature stop passing, and a neighbour still passes.
/// </summary>
public sealed class BrokenServiceTests
{
    private sealed record Selected(string Name, IReadOnlyList<ProbeCase> Cases, bool Exclusive) : IScenario
    {
        public string Covers => "selected cases";
    }

    private sealed class NoObserver : IRunObserver
    {
        public void CaseFinished(CaseResult result)
        {
        }
    }

    public static TheoryData<string, ServiceSettings, string[], string[], string[]> Breakages => new()
    {
        {
            "rate limit off",
            new([], [], ["--Backend:MessagesPerMinute=1000000"]),
            ["streaming-auth-validation/rate-limited", "streaming-auth-validation/abuse-closes-4029"],
            [],
            ["streaming-auth-validation/chunked-delivery"]
        },
        {
            // Long-lived tokens, or the check the backend also makes at a token's expiry would catch the revocation. A
            // re-check longer than a case can wait is a precondition the probes see (the connected frame says it):
            // its cases are skipped with the reason, not failed.
            "periodic auth re-check off",
            new(["--Auth:AccessTokenLifetime=00:15:00"], [], ["--Backend:AuthRecheckInterval=01:00:00"]),
            [],
            ["streaming-auth-validation/revocation-detected", "streaming-auth-validation/revoked-closes-4001"],
            ["auth-websocket-handshake/revoked-token-401"]
        },
        {
            "connection cap off",
            new([], [], ["--Backend:MaxConnectionsPerUser=100000"]),
            ["streaming-auth-validation/connection-cap"],
            [],
            ["streaming-auth-validation/events-relayed-in-order"]
        },
        {
            "model retries off",
            new([], ["--Agent:Retry:MaxRetryAttempts=0"], []),
            ["agent-failure-recovery/transient-llm-failure-retried", "agent-failure-recovery/transient-llm-timeout-retried"],
            [],
            ["agent-failure-recovery/tool-failure-propagates"]
        },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Turning_a_feature_off_fails_exactly_its_cases(
        string breakage, ServiceSettings settings, string[] mustFail, string[] mustSkip, string[] mustPass)
    {
        await using var environment = await LocalEnvironment.StartAsync(CancellationToken.None, settings);
        using var http = new HttpClient();
        var runner = new ProbeRunner(new ProbeContext(environment.Targets, ProbeCredentials.DevelopmentSeed, http), new NoObserver(), TimeSpan.FromSeconds(6));
        var wanted = mustFail.Concat(mustSkip).Concat(mustPass).ToHashSet();
        var scenarios = ScenarioCatalog.All
            .Select(s => new Selected(s.Name, [.. s.Cases.Where(c => wanted.Contains(c.Id))], s.Exclusive))
            .Where(s => s.Cases.Count > 0)
            .ToList<IScenario>();

        var report = await runner.RunAsync(scenarios, parallelism: 4, CancellationToken.None);

        var outcomes = report.Scenarios.SelectMany(s => s.Cases).ToDictionary(c => c.Id);
        Assert.Equal(wanted.Count, outcomes.Count);
        Assert.All(mustFail, id => Assert.True(outcomes[id].Outcome is CaseOutcome.Failed or CaseOutcome.Error, $"{breakage}: {id} was {outcomes[id].Outcome}"));
        Assert.All(mustSkip, id => Assert.True(
            outcomes[id] is { Outcome: CaseOutcome.Skipped, Message.Length: > 0 }, $"{breakage}: {id} was {outcomes[id].Outcome}: {outcomes[id].Message}"));
        Assert.All(mustPass, id => Assert.True(outcomes[id].Outcome == CaseOutcome.Passed, $"{breakage}: {id} was {outcomes[id].Outcome}: {outcomes[id].Message}"));
    }
}
