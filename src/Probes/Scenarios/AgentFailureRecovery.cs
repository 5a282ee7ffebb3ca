using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;
using static Netra.Probes.Scenarios.RunStreams;

namespace Netra.Probes.Scenarios;

/// <summary>
/// Failures of the model and the tools, and how the agent recovers: retries, error propagation, the
/// circuit breaker opening and closing again. Exclusive: an open breaker fails every run of the
/// service, so nothing else may run meanwhile. Needs the agent started with fault injection enabled
/// (otherwise the fault cases are skipped); the local run and the probe charts set what it needs.
/// </summary>
public sealed class AgentFailureRecovery : Scenario
{
    private const string Input = "look up the error rate of the payments service";
    private const string BreakerGauge = "netra_agent_llm_circuit_state";

    public AgentFailureRecovery()
        : base(
            ScenarioNames.AgentFailureRecovery,
            "error propagation, circuit breaker, graceful degradation",
            CaseNeeds.FaultInjection | CaseNeeds.ModelRuns)
    {
        BindCases(
            Case("transient-llm-failure-retried", (ctx, ct) => Completes(ctx, "llm_failure", ct)),
            Case("transient-llm-timeout-retried", (ctx, ct) => Completes(ctx, "llm_timeout", ct)),
            Case("llm-failure-propagates", (ctx, ct) => FailsWith(ctx, "llm_failure", "llm_error", retryable: true, ct)),
            Case("llm-timeout-propagates", (ctx, ct) => FailsWith(ctx, "llm_timeout", "llm_timeout", retryable: true, ct)),
            Case("tool-failure-propagates", ToolFailurePropagates),
            Case(
                "resource-exhaustion-propagates",
                (ctx, ct) => FailsWith(ctx, "resource_exhaustion", "resource_exhausted", retryable: true, ct, count: 0)),
            Case("error-event-fields", ErrorEventFields),
            Case("failed-run-status", FailedRunStatus),
            Case("invalid-fault-rejected", InvalidFaultRejected),
            Case("cancel-ends-stream", CancelEndsStream),
            Case("breaker-opens", BreakerOpens),
            Case("breaker-state-in-metrics", BreakerStateInMetrics, CaseNeeds.BreakerOpened),
            Case("breaker-recovers", BreakerRecovers, CaseNeeds.BreakerOpened));
    }

    private static Task<IReadOnlyList<AgentEvent>> RunWithFaultAsync(ProbeContext ctx, string kind, int count, CancellationToken ct) =>
        RunWithFaultAsync(ctx, Request(ctx.Credentials.User.Username, Input, new Fault(kind, count)), ct);

    private static async Task<IReadOnlyList<AgentEvent>> RunWithFaultAsync(ProbeContext ctx, RunRequest request, CancellationToken ct)
    {
        using var response = await ctx.Agent.StartRunAsync(await ctx.AgentTokenAsync(ct), request, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = ProbeJson.Parse(await response.Content.ReadAsStringAsync(ct));
            if (problem.Text("code") == "fault_injection_disabled")
            {
                throw Expect.Skip("the agent runs without fault injection (Agent:FaultInjection:Enabled=false)");
            }
        }

        Expect.Equal(HttpStatusCode.OK, response.StatusCode, "the run's status code");
        var events = new List<AgentEvent>();
        await foreach (var e in AgentClient.ReadEventsAsync(response, ct))
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task Completes(ProbeContext ctx, string kind, CancellationToken ct)
    {
        var events = await RunWithFaultAsync(ctx, kind, 1, ct);
        ExpectFinalReport(Last(events), $"the last event after one {kind}");
        Expect.That(!events.Any(e => e.Type == "error"), "no error event", Types(events));
    }

    private static async Task FailsWith(ProbeContext ctx, string kind, string code, bool retryable, CancellationToken ct, int count = 1000)
    {
        var events = await RunWithFaultAsync(ctx, kind, count, ct);
        ExpectError(Last(events), code, retryable);
        Expect.That(
            !events.Any(e => e.Type is "agent_completed" or "final_report"),
            "no agent_completed or final_report in a failed run",
            Types(events));
        Expect.Equal("agent_started", events[0].Type, "the first event of a failed run");
    }

    private static async Task ToolFailurePropagates(ProbeContext ctx, CancellationToken ct)
    {
        var events = await RunWithFaultAsync(ctx, "tool_failure", 1000, ct);
        ExpectError(Last(events), "tool_failed");
        Expect.Equal("tool_executing", events[^2].Type, "the event before the error");
    }

    private static async Task ErrorEventFields(ProbeContext ctx, CancellationToken ct)
    {
        var request = Request(ctx.Credentials.User.Username, Input, new Fault("tool_failure", 1000));
        var error = Last(await RunWithFaultAsync(ctx, request, ct));
        Expect.Equal("error", error.Type, "the last event");
        Expect.That(error.Payload.Text("code") is { Length: > 0 }, "error.code", error.Raw);
        Expect.That(error.Payload.Text("message") is { Length: > 0 }, "error.message", error.Raw);
        Expect.That(
            error.Payload.TryGetProperty("retryable", out var retryable)
                && retryable.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "error.retryable as a boolean",
            error.Raw);
        Expect.Equal(request.ThreadId, error.Payload.Text("thread_id"), "error.thread_id");
        Expect.That(error.Payload.Text("run_id") is { Length: > 0 }, "error.run_id", error.Raw);
        ExpectRfc3339Utc(error.Payload.Text("timestamp"), "error.timestamp");
    }

    private static async Task FailedRunStatus(ProbeContext ctx, CancellationToken ct)
    {
        var runId = $"probe-run-{Guid.NewGuid():N}";
        await RunWithFaultAsync(ctx, Request(ctx.Credentials.User.Username, Input, new Fault("tool_failure", 1000), runId: runId), ct);
        Expect.Equal("failed", await RunStatusAsync(ctx, runId, ct), "the run's status");
    }

    private static async Task InvalidFaultRejected(ProbeContext ctx, CancellationToken ct)
    {
        using var response = await ctx.Agent.StartRunAsync(
            await ctx.AgentTokenAsync(ct),
            Request(ctx.Credentials.User.Username, Input, new Fault("meteor_strike", 1)),
            ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Expect.Equal(HttpStatusCode.BadRequest, response.StatusCode, "the status code for an unknown fault kind");
        Expect.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType, "the content type");
        Expect.That(ProbeJson.Parse(body).Text("code") is { Length: > 0 }, "a problem with a code", body);
    }

    private static async Task CancelEndsStream(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AgentTokenAsync(ct);
        var runId = $"probe-run-{Guid.NewGuid():N}";
        // A model that keeps timing out keeps the run busy long enough to cancel it midway.
        using var response = await ctx.Agent.StartRunAsync(
            token,
            Request(ctx.Credentials.User.Username, Input, new Fault("llm_timeout", 1000), runId: runId),
            ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw Expect.Skip("the agent runs without fault injection (Agent:FaultInjection:Enabled=false)");
        }

        await using var events = AgentClient.ReadEventsAsync(response, ct).GetAsyncEnumerator(ct);
        Expect.That(await events.MoveNextAsync(), "a first event", "the end of the stream");
        var clock = Stopwatch.StartNew();
        Expect.Equal(HttpStatusCode.Accepted, await ctx.Agent.CancelAsync(token, runId, ct), "the cancel's status code");
        AgentEvent? last = null;
        while (await events.MoveNextAsync())
        {
            last = events.Current;
        }

        Expect.That(
            clock.Elapsed < TimeSpan.FromSeconds(1),
            "the stream to end within a second of the cancel",
            $"{clock.ElapsedMilliseconds} ms");
        ExpectError(Expect.NotNull(last, "an error event"), "cancelled");
        Expect.Equal("cancelled", await RunStatusAsync(ctx, runId, ct), "the cancelled run's status");
    }

    private static async Task BreakerOpens(ProbeContext ctx, CancellationToken ct)
    {
        AgentEvent? last = null;
        for (var attempt = 0; attempt < 200 && !BreakerAnswer(last); attempt++)
        {
            last = Last(await RunWithFaultAsync(ctx, "llm_failure", 1000, ct));
        }

        Expect.That(
            BreakerAnswer(last),
            "repeated model failures to open the breaker (error llm_unavailable, or a degraded final_report)",
            last?.Raw ?? "no run");

        // With the breaker open, a run without any fault is answered at once, without calling the model.
        var events = await ctx.Agent.RunToEndAsync(await ctx.AgentTokenAsync(ct), Request(ctx.Credentials.User.Username, Input), ct);
        var answer = Last(events);
        Expect.That(BreakerAnswer(answer), "a healthy request to be answered by the open breaker", answer.Raw);
        if (answer.Type == "error")
        {
            ExpectError(answer, "llm_unavailable", retryable: true);
        }

        ctx.Facts.BreakerOpened = true;
    }

    private static bool BreakerAnswer(AgentEvent? e) =>
        e is not null
        && ((e.Type == "error" && e.Payload.Text("code") == "llm_unavailable")
            || (e.Type == "final_report" && e.Payload.TryGetProperty("degraded", out var degraded)
                && degraded.ValueKind == JsonValueKind.True));

    private static async Task BreakerStateInMetrics(ProbeContext ctx, CancellationToken ct)
    {
        var state = await BreakerStateAsync(ctx, ct);
        Expect.That(
            state is 1 or 2,
            $"{BreakerGauge} open (1) or half-open (2) right after the breaker opened",
            state?.ToString(CultureInfo.InvariantCulture) ?? "no such metric");
    }

    private static async Task BreakerRecovers(ProbeContext ctx, CancellationToken ct)
    {
        AgentEvent? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            last = Last(await ctx.Agent.RunToEndAsync(await ctx.AgentTokenAsync(ct), Request(ctx.Credentials.User.Username, Input), ct));
            if (last.Type == "final_report" && !BreakerAnswer(last))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        Expect.That(
            last is { Type: "final_report" } && !BreakerAnswer(last),
            "a healthy run to complete once the breaker's break is over",
            last?.Raw ?? "no run");
        Expect.Equal(0d, await BreakerStateAsync(ctx, ct), $"{BreakerGauge} after recovery");
    }

    private static async Task<string?> RunStatusAsync(ProbeContext ctx, string runId, CancellationToken ct)
    {
        using var response = await ctx.Http.SendAsync(AgentLifecycleEvents.RunStatusRequest(ctx, await ctx.AgentTokenAsync(ct), runId), ct);
        Expect.Equal(HttpStatusCode.OK, response.StatusCode, "GET /v1/runs/{id}");
        return ProbeJson.Parse(await response.Content.ReadAsStringAsync(ct)).Text("status");
    }

    private static async Task<double?> BreakerStateAsync(ProbeContext ctx, CancellationToken ct)
    {
        var text = await ctx.Http.GetStringAsync(new Uri(ctx.Targets.AgentUrl, "metrics"), ct);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(BreakerGauge + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(BreakerGauge.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
