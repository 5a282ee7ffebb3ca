using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Evidence;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

/// <summary>Which pods answered a scenario: per service, distinct, bounded, per scenario when scenarios run at once.</summary>
public sealed class AnsweringPodsTests
{
    private static readonly ProbeTargets Targets =
        new(new Uri("http://auth.netra:8081/"), new Uri("http://backend.netra:8082/"), new Uri("http://agent.netra:8083/"));

    [Fact]
    public void Each_answer_counts_for_the_service_its_request_went_to_once_and_sorted()
    {
        var pods = new AnsweringPods(Targets);

        pods.Record(new Uri("http://auth.netra:8081/v1/auth/login"), ["auth-b"]);
        pods.Record(new Uri("http://auth.netra:8081/.well-known/jwks.json"), ["auth-a", "auth-b"]);
        pods.Record(new Uri("http://agent.netra:8083/v1/runs"), ["agent-a"]);
        pods.RecordUpgrade(new Dictionary<string, IEnumerable<string>> { ["netra-pod"] = ["backend-a"] });
        pods.Record(new Uri("http://elsewhere:8081/v1/auth/login"), ["stranger"]);
        pods.RecordUpgrade(new Dictionary<string, IEnumerable<string>> { ["Connection"] = ["Upgrade"] });

        Assert.Equal(new AnsweredBy(["auth-a", "auth-b"], ["backend-a"], ["agent-a"]), pods.AnsweredBy(), AnsweredByComparer.Instance);
    }

    [Fact]
    public void No_answer_naming_a_pod_leaves_no_answered_by()
    {
        var pods = new AnsweringPods(Targets);

        pods.Record(new Uri("http://auth.netra:8081/healthz"), [" ", ""]);
        pods.RecordUpgrade(null);

        Assert.Null(pods.AnsweredBy());
    }

    [Fact]
    public async Task At_most_16_names_a_service_each_at_most_253_characters_whoever_records_them_at_once()
    {
        var pods = new AnsweringPods(Targets);
        var longName = new string('p', 300);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            pods.Record(new Uri("http://agent.netra:8083/v1/runs"), [$"agent-{i:D2}", longName]))));

        var agent = pods.AnsweredBy()!.Agent;
        Assert.Equal(AnsweredBy.MaxNamesPerService, agent.Count);
        Assert.Equal(agent.Order(StringComparer.Ordinal), agent);
        Assert.All(agent, name => Assert.InRange(name.Length, 1, AnsweredBy.MaxNameChars));
        Assert.Equal(agent.Distinct(StringComparer.Ordinal).Count(), agent.Count);
    }

    [Fact]
    public async Task Scenarios_running_at_once_each_keep_the_pods_that_answered_them()
    {
        var started = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ProbeCase Answered(string scenario, string pod) => new($"{scenario}/asks", "asks", async (_, ct) =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.SetResult();
            }

            await bothStarted.Task.WaitAsync(ct);
            AnsweringPods.Current!.Record(new Uri("http://backend.netra:8082/v1/threads"), [pod]);
        });
        var context = new ProbeContext(Targets, ProbeCredentials.DevelopmentSeed, new HttpClient());
        var runner = new ProbeRunner(context, new NoObserver(), TimeSpan.FromSeconds(30))
        {
            ReadinessCheck = _ => Task.FromResult<string?>(null),
        };

        var report = await runner.RunAsync(
            [
                new TestScenario("first", [Answered("first", "backend-old")]),
                new TestScenario("second", [Answered("second", "backend-new")]),
                new TestScenario("quiet", [new ProbeCase("quiet/asks-nothing", "asks nothing", (_, _) => Task.CompletedTask)]),
            ],
            parallelism: 2,
            CancellationToken.None);

        Assert.Equal(["backend-old"], report.Scenarios[0].AnsweredBy!.Backend);
        Assert.Equal(["backend-new"], report.Scenarios[1].AnsweredBy!.Backend);
        Assert.Null(report.Scenarios[2].AnsweredBy);
        Assert.Null(AnsweringPods.Current);
    }

    [Fact]
    public void The_json_report_says_answered_by_per_scenario_in_snake_case_and_reads_it_back()
    {
        var answered = new AnsweredBy(["auth-a"], ["backend-a", "backend-b"], []);
        var report = new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1),
        [
            new ScenarioResult(
                "chat", [new CaseResult("chat/send", "chat", "sends", CaseOutcome.Passed, TimeSpan.Zero)], TimeSpan.Zero, answered),
            new ScenarioResult("quiet", [], TimeSpan.Zero),
        ]);

        var json = JsonReport.Serialize(report);
        var back = JsonReport.Parse(json, "--json");

        using var document = JsonDocument.Parse(json);
        var scenarios = document.RootElement.GetProperty("scenarios");
        Assert.Equal(
            """{"auth":["auth-a"],"backend":["backend-a","backend-b"],"agent":[]}""", scenarios[0].GetProperty("answered_by").GetRawText());
        Assert.False(scenarios[1].TryGetProperty("answered_by", out _));
        Assert.Equal(answered, back.Scenarios[0].AnsweredBy, AnsweredByComparer.Instance);
        Assert.Null(back.Scenarios[1].AnsweredBy);
    }

    [Fact]
    public void A_report_read_back_holds_answered_by_to_the_same_bounds_whatever_it_claims()
    {
        var names = string.Join(",", Enumerable.Range(0, 40)
            .Select(i => $"\"{i:D2}{new string('x', 300)}\"").Append("\"auth-a\"").Append("\"auth-a\""));
        var json = $$$"""
            {"started_at":"2026-12-07T00:00:00Z","duration_ms":1,"summary":{"total":0},
             "scenarios":[{"name":"chat","duration_ms":1,"summary":{"total":0},"cases":[],
                           "answered_by":{"auth":[{{{names}}}],"agent":null}}]}
            """;

        var answered = JsonReport.Parse(json, "results").Scenarios.Single().AnsweredBy!;

        Assert.Equal(AnsweredBy.MaxNamesPerService, answered.Auth.Count);
        Assert.All(answered.Auth, name => Assert.True(name.Length <= AnsweredBy.MaxNameChars));
        Assert.Empty(answered.Backend);
        Assert.Empty(answered.Agent);
    }

    /// <summary>Records hold lists, which compare by reference: compare their names.</summary>
    private sealed class AnsweredByComparer : IEqualityComparer<AnsweredBy?>
    {
        public static readonly AnsweredByComparer Instance = new();

        public bool Equals(AnsweredBy? x, AnsweredBy? y) =>
            x is not null && y is not null
            && x.Auth.SequenceEqual(y.Auth) && x.Backend.SequenceEqual(y.Backend) && x.Agent.SequenceEqual(y.Agent);

        public int GetHashCode(AnsweredBy? obj) => 0;
    }
}
