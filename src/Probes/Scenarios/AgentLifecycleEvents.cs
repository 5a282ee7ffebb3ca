using System.Net;
using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>The six lifecycle events of a run, their order and their fields, read from the agent's stream.</summary>
public sealed class AgentLifecycleEvents : Scenario
{
    private const string LookupInput = "look up the latency metrics of the checkout service";

    public AgentLifecycleEvents()
        : base(ScenarioNames.AgentLifecycleEvents, "all six events, order, required fields", CaseNeeds.ModelRuns)
    {
        BindCases(
            Case("six-events-in-order", SixEventsInOrder),
            Case("agent-started-fields", AgentStartedFields),
            Case("every-event-identifies-its-run", EveryEventIdentifiesItsRun),
            Case("envelope-matches-event", EnvelopeMatchesEvent),
            Case("tools-announced-with-outcome", ToolsAnnouncedWithOutcome),
            Case("partial-results-chunked", PartialResultsChunked),
            Case("completion-fields", CompletionFields),
            Case("routes-to-sub-agents", RoutesToSubAgents),
            Case("deterministic", Deterministic, CaseNeeds.ScriptedModel),
            Case("events-stream-as-they-happen", EventsStreamAsTheyHappen, CaseNeeds.FaultInjection));
    }

    private static async Task<IReadOnlyList<AgentEvent>> RunAsync(
        ProbeContext ctx,
        CancellationToken ct,
        string input = LookupInput,
        string? agent = null) =>
        await ctx.Agent.RunToEndAsync(
            await ctx.AgentTokenAsync(ct),
            RunStreams.Request(ctx.Credentials.User.Username, input, agent: agent),
            ct);

    private static async Task SixEventsInOrder(ProbeContext ctx, CancellationToken ct)
    {
        var events = await RunAsync(ctx, ct);
        RunStreams.ExpectFinalReport(RunStreams.Last(events), "the last event");
        RunStreams.ExpectLifecycleOrder([.. events.Select(e => e.Type)]);
        Expect.That(events.Any(e => e.Type == "tool_executing"), "a data lookup to execute at least one tool", RunStreams.Types(events));
    }

    private static async Task AgentStartedFields(ProbeContext ctx, CancellationToken ct)
    {
        var started = RunStreams.One(await RunAsync(ctx, ct), "agent_started");
        Expect.That(!string.IsNullOrEmpty(started.Payload.Text("agent_name")), "agent_started.agent_name", started.Raw);
        Expect.That(!string.IsNullOrEmpty(started.Payload.Text("run_id")), "agent_started.run_id", started.Raw);
        Expect.That(!string.IsNullOrEmpty(started.Payload.Text("thread_id")), "agent_started.thread_id", started.Raw);
        RunStreams.ExpectRfc3339Utc(started.Payload.Text("timestamp"), "agent_started.timestamp");
    }

    private static async Task EveryEventIdentifiesItsRun(ProbeContext ctx, CancellationToken ct)
    {
        var runId = $"probe-run-{Guid.NewGuid():N}";
        var request = RunStreams.Request(ctx.Credentials.User.Username, LookupInput, runId: runId);
        var events = await ctx.Agent.RunToEndAsync(await ctx.AgentTokenAsync(ct), request, ct);
        foreach (var e in events)
        {
            Expect.Equal(runId, e.Payload.Text("run_id"), $"{e.Type}.run_id");
            Expect.Equal(request.ThreadId, e.Payload.Text("thread_id"), $"{e.Type}.thread_id");
            RunStreams.ExpectRfc3339Utc(e.Payload.Text("timestamp"), $"{e.Type}.timestamp");
        }
    }

    private static async Task EnvelopeMatchesEvent(ProbeContext ctx, CancellationToken ct)
    {
        foreach (var e in await RunAsync(ctx, ct))
        {
            var envelope = ProbeJson.Parse(e.Raw);
            Expect.Equal(e.Type, envelope.Text("type"), "the envelope's type (it must equal the SSE event name)");
            Expect.That(
                envelope.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object,
                "an object payload",
                e.Raw);
            RunStreams.ExpectRfc3339Utc(envelope.Text("ts"), $"{e.Type} envelope ts");
            Expect.That(!e.Raw.Contains("\"text\"", StringComparison.Ordinal), "no `text` field (message text is `content`)", e.Raw);
        }
    }

    private static async Task ToolsAnnouncedWithOutcome(ProbeContext ctx, CancellationToken ct)
    {
        var events = await RunAsync(ctx, ct);
        var tools = new List<string>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type != "tool_executing")
            {
                continue;
            }

            var tool = events[i].Payload.Text("tool_name");
            Expect.That(!string.IsNullOrEmpty(tool), "tool_executing.tool_name", events[i].Raw);
            Expect.That(
                events[i].Payload.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object,
                "tool_executing.arguments as an object",
                events[i].Raw);
            var outcome = i + 1 < events.Count ? events[i + 1] : null;
            Expect.That(
                outcome is not null && outcome.Type != "tool_executing" && outcome.Payload.Text("tool_name") == tool,
                $"the outcome of {tool} right after it",
                outcome?.Raw ?? "the end of the stream");
            tools.Add(tool!);
        }

        Expect.That(tools.Count > 0, "at least one tool_executing", RunStreams.Types(events));
        var used = RunStreams.One(events, "final_report").Payload.GetProperty("tools_used").EnumerateArray().Select(t => t.GetString())
            .ToHashSet();
        Expect.That(tools.All(used.Contains), $"final_report.tools_used to list {string.Join(", ", tools)}", string.Join(", ", used));
    }

    private static async Task PartialResultsChunked(ProbeContext ctx, CancellationToken ct)
    {
        var chunks = (await RunAsync(ctx, ct)).Where(e => e.Type == "partial_result").ToList();
        Expect.That(chunks.Count >= 1, "one or more partial_result", "none");
        for (var i = 0; i < chunks.Count; i++)
        {
            var index = chunks[i].Payload.TryGetProperty("chunk_index", out var n) && n.TryGetInt32(out var value) ? value : -1;
            Expect.Equal(i, index, $"chunk_index of chunk {i + 1}");
            Expect.That(chunks[i].Payload.Text("content") is { Length: > 0 }, "partial_result.content", chunks[i].Raw);
        }
    }

    private static async Task CompletionFields(ProbeContext ctx, CancellationToken ct)
    {
        var events = await RunAsync(ctx, ct);
        var agentName = RunStreams.One(events, "agent_started").Payload.Text("agent_name");
        var completed = RunStreams.One(events, "agent_completed");
        Expect.Equal(agentName, completed.Payload.Text("agent_name"), "agent_completed.agent_name");
        Expect.That(
            completed.Payload.TryGetProperty("duration_ms", out var ms) && ms.TryGetInt64(out var duration) && duration >= 0,
            "agent_completed.duration_ms ≥ 0",
            completed.Raw);
        var report = RunStreams.One(events, "final_report").Payload;
        Expect.That(report.Text("content") is { Length: > 0 }, "final_report.content", report.GetRawText());
        Expect.That(
            report.TryGetProperty("tools_used", out var used) && used.ValueKind == JsonValueKind.Array,
            "final_report.tools_used as an array",
            report.GetRawText());
        Expect.That(
            report.TryGetProperty("degraded", out var degraded) && degraded.ValueKind == JsonValueKind.False,
            "final_report.degraded false",
            report.GetRawText());
    }

    private static async Task RoutesToSubAgents(ProbeContext ctx, CancellationToken ct)
    {
        string[] inputs =
        [
            "my deploy is failing, what should I check first?",
            LookupInput,
            "write a summary report of last week's incidents",
        ];
        var agents = new HashSet<string?>();
        foreach (var input in inputs)
        {
            agents.Add(RunStreams.One(await RunAsync(ctx, ct, input), "agent_started").Payload.Text("agent_name"));
        }

        Expect.That(agents.Count >= 3, "three different sub-agents for a triage, a lookup and a report request", string.Join(", ", agents));
    }

    private static async Task Deterministic(ProbeContext ctx, CancellationToken ct)
    {
        var first = await RunAsync(ctx, ct);
        var second = await RunAsync(ctx, ct);
        Expect.Equal(RunStreams.Types(first), RunStreams.Types(second), "the second run's event types");
        Expect.Equal(
            RunStreams.One(first, "final_report").Payload.Text("content"),
            RunStreams.One(second, "final_report").Payload.Text("content"),
            "the second run's report");
    }

    private static async Task EventsStreamAsTheyHappen(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AgentTokenAsync(ct);
        // One model call that times out holds the run after agent_started for the length of the model timeout,
        // so a stream that is not buffered delivers agent_started while the run still runs.
        var request = RunStreams.Request(ctx.Credentials.User.Username, LookupInput, new RunStreams.Fault("llm_timeout", 1));
        using var response = await ctx.Agent.StartRunAsync(token, request, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw Expect.Skip("the agent runs without fault injection, which this case uses to slow a run down");
        }

        Expect.Equal(HttpStatusCode.OK, response.StatusCode, "the run's status code");
        Expect.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType, "the content type");
        await using var events = AgentClient.ReadEventsAsync(response, ct).GetAsyncEnumerator(ct);
        Expect.That(await events.MoveNextAsync(), "a first event", "the end of the stream");
        Expect.Equal("agent_started", events.Current.Type, "the first event");
        var runId = Expect.NotNull(events.Current.Payload.Text("run_id"), "run_id");
        using var status = await ctx.Http.SendAsync(RunStatusRequest(ctx, token, runId), ct);
        var body = ProbeJson.Parse(await status.Content.ReadAsStringAsync(ct));
        Expect.Equal("running", body.Text("status"), "GET /v1/runs/{id} status once agent_started arrived");
    }

    internal static HttpRequestMessage RunStatusRequest(ProbeContext ctx, string token, string runId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ctx.Targets.AgentUrl, $"v1/runs/{Uri.EscapeDataString(runId)}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
