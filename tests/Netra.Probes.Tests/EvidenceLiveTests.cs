using System.Text.RegularExpressions;
using System.Xml.Linq;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Tests.Support;
using Netra.Testing;

namespace Netra.Probes.Tests;

/// <summary>Evidence from real exchanges with the three services started in process.</summary>
[Collection(LiveServices.Name)]
public sealed partial class EvidenceLiveTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(2);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+")]
    private static partial Regex AnyJwt();

    /// <summary>A probe Secret whose client secret auth does not know: the cases that need a service token fail.</summary>
    [Fact]
    public async Task A_failed_case_names_the_request_and_the_answer_in_every_report_and_holds_no_secret()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        var wrongSecret = "wrong-" + Guid.NewGuid().ToString("N");
        var variables = new Dictionary<string, string>(services.ProbeVariables) { ["NETRA_PROBES_CLIENT_SECRET"] = wrongSecret };
        using var run = new ProbeRuns();

        var exit = await CommandProcess.RunAsync(
            "netra-probes",
            run.Arguments(services.Targets, ProbeProfiles.Safe, "--scenario", ScenarioNames.AuthServiceIndependence, "--log-report"),
            RunDeadline,
            variables);

        Assert.True(exit.Code == 1, exit.ToString());
        var report = await JsonReport.ReadAsync(run.Json, CancellationToken.None);
        var failed = Assert.Single(report.Scenarios.Single().Cases, c => c.Outcome == CaseOutcome.Failed);
        Assert.Equal("auth-service-independence/serves-whole-api", failed.Id);
        var evidence = failed.Evidence!;
        var asked = Assert.Single(evidence, e => e.StartsWith($"-> POST {services.Auth.Address}v1/auth/token ", StringComparison.Ordinal));
        Assert.Contains("\"client_id\":\"netra-probes\",\"client_secret\":\"<redacted>\"", asked, StringComparison.Ordinal);
        Assert.StartsWith("<- 401 {", evidence[evidence.ToList().IndexOf(asked) + 1], StringComparison.Ordinal);
        Assert.Contains(evidence, e => e.StartsWith("<- 200 {\"access_token\":\"<redacted>\"", StringComparison.Ordinal));
        Assert.InRange(evidence.Count, 2, EvidenceLimits.MaxEntries);
        Assert.All(report.Scenarios.Single().Cases.Where(c => c.Outcome == CaseOutcome.Passed), c => Assert.Null(c.Evidence));

        // What the operator keeps (the log's report line) has it too; the JUnit testcase's system-out; the console its tail.
        Assert.Equal(evidence, JsonReport.Parse(ReportLine.Find(exit.Stdout)!, "log").Scenarios.Single().Cases.Single(c => c.Id == failed.Id).Evidence);
        var testcase = XDocument.Load(run.JUnit).Descendants("testcase").Single(t => (string?)t.Attribute("name") == "serves-whole-api");
        Assert.Contains("  " + asked, testcase.Element("system-out")!.Value.Split('\n'));
        Assert.Contains(exit.StderrLines, l => l.StartsWith("         <- 401 {", StringComparison.Ordinal));
        var packed = PackedReport.Unpack(run.Summary().Report)!;
        Assert.DoesNotContain("evidence", packed, StringComparison.Ordinal);
        Assert.Equal(failed.Message, JsonReport.Parse(packed, "termination message").Scenarios.Single().Cases.Single(c => c.Id == failed.Id).Message);

        string[] secrets = [wrongSecret, .. variables.Where(v => v.Key.EndsWith("PASSWORD", StringComparison.Ordinal)).Select(v => v.Value)];
        foreach (var (name, text) in new[]
        {
            ("json", File.ReadAllText(run.Json)), ("junit", File.ReadAllText(run.JUnit)), ("stderr", exit.Stderr), ("log report", ReportLine.Find(exit.Stdout)!),
        })
        {
            Assert.False(AnyJwt().IsMatch(text), $"a JWT in the {name}");
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Two scenarios at once over one HttpClient, their requests interleaved: each case's evidence holds its own exchanges
    /// only, HTTP or WebSocket frames from the connection's receive loop.
    /// </summary>
    [Fact]
    public async Task Cases_running_at_once_over_one_client_each_keep_only_their_own_exchanges()
    {
        await using var services = await ServiceTrio.StartProductionAsync();
        using var http = UnansweredRequestGuard.CreateClient();
        var context = new ProbeContext(services.Targets, ProbeCredentials.FromEnvironment(services.ProbeVariables.GetValueOrDefault), http);
        var httpAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wsAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var overHttp = new TestScenario("over-http", [new ProbeCase("over-http/health", "asks healthz twice", async (ctx, ct) =>
        {
            (await ctx.Http.GetAsync(new Uri(ctx.Targets.AuthUrl, "healthz"), ct)).Dispose();
            httpAsked.SetResult();
            await wsAnswered.Task.WaitAsync(ct);
            (await ctx.Http.GetAsync(new Uri(ctx.Targets.AuthUrl, "healthz?again=1"), ct)).Dispose();
            throw new ProbeFailedException("expected a failure here");
        })]);
        var overWebSocket = new TestScenario("over-ws", [new ProbeCase("over-ws/malformed", "sends an unknown frame", async (ctx, ct) =>
        {
            try
            {
                await httpAsked.Task.WaitAsync(ct);
                await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
                session.Connection.Send("no_such_type", new { probe = "evidence" }, id: "e1");
                var answer = await session.Connection.WaitForAsync("error", ct);
                throw new ProbeFailedException($"expected a failure here, after {answer.Type}");
            }
            finally
            {
                // Whatever happened here, the other case does not wait for it past this.
                wsAnswered.TrySetResult();
            }
        })]);

        var report = await new ProbeRunner(context, new NoObserver(), TimeSpan.FromMinutes(1))
            .RunAsync([overHttp, overWebSocket], parallelism: 2, CancellationToken.None);

        var cases = report.Scenarios.SelectMany(s => s.Cases).ToDictionary(c => c.Id);
        Assert.All(cases.Values, c => Assert.True(c.Message?.StartsWith("expected a failure here", StringComparison.Ordinal), $"{c.Id}: {c.Message}"));
        var auth = services.Auth.Address;
        Assert.Equal(
            [$"-> GET {auth}healthz", "<- 200 Healthy", $"-> GET {auth}healthz?again=1", "<- 200 Healthy"],
            cases["over-http/health"].Evidence);
        var ws = cases["over-ws/malformed"].Evidence!;
        Assert.DoesNotContain(ws, e => e.Contains("healthz", StringComparison.Ordinal));
        Assert.Contains(ws, e => e.StartsWith("-> ws upgrade ws://", StringComparison.Ordinal));
        Assert.Contains(ws, e => e.StartsWith("<- ws connected {", StringComparison.Ordinal));
        Assert.Contains("-> ws no_such_type {\"probe\":\"evidence\"}", ws);
        Assert.Contains(ws, e => e.StartsWith("<- ws error {", StringComparison.Ordinal) && e.Contains("invalid_message", StringComparison.Ordinal));
        Assert.All(ws, e => Assert.False(AnyJwt().IsMatch(e), e));
    }
}
