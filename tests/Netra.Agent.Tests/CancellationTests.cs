using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Netra.Agent.Tests.Support;
using Netra.Testing;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class CancellationTests(AuthServiceFixture auth) : IAsyncLifetime
{
    /// <summary>The least any bound on work over the network is given, however fast the machine.</summary>
    private static readonly TimeSpan NetworkBound = TimeSpan.FromSeconds(10);

    private AgentUnderTest _agent = null!;

    // One chunk a second: a run streams for several seconds, long enough to act on it mid-stream.
    public async Task InitializeAsync() => _agent = await AgentUnderTest.StartAsync(auth, "--Agent:Streaming:ChunkDelay=00:00:01");

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Cancel_ends_the_stream_with_a_cancelled_error_sooner_than_the_run_got_going()
    {
        var starting = Stopwatch.StartNew();
        using var response = await _agent.PostRunAsync(RunBody.Of(runId: "run-to-cancel"));
        using var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await ReadUntilAsync(stream, "partial_result");
        // The baseline, measured on this machine now: a run started and streamed its first partial result.
        var gettingGoing = starting.Elapsed;

        var clock = Stopwatch.StartNew();
        using (var cancel = await _agent.CancelAsync("run-to-cancel"))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var rest = await stream.ReadToEndAsync();
        clock.Stop();
        var bound = gettingGoing > NetworkBound ? gettingGoing : NetworkBound;
        Assert.True(clock.Elapsed < bound, $"cancelled after {clock.Elapsed}, got going in {gettingGoing}");
        var error = rest[^1];
        Assert.Equal("error", error.Type);
        Assert.Equal("cancelled", error.Text("code"));
        Assert.False(error.Payload.GetProperty("retryable").GetBoolean());
        Assert.DoesNotContain(rest, e => e.Type is "final_report" or "agent_completed");
        Assert.Equal("cancelled", await _agent.RunStatusAsync("run-to-cancel"));
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_its_run()
    {
        // A client of its own, disposed below: the connection really closes (no draining of the rest of the stream).
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = _agent.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = JsonContent.Create(RunBody.Of(runId: "run-abandoned")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _agent.Token);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await ReadUntilAsync(stream, "partial_result");
        Assert.Equal("running", await _agent.RunStatusAsync("run-abandoned"));

        stream.Dispose();
        response.Dispose();
        client.Dispose();

        await Eventually.WaitUntilAsync(async () => await _agent.RunStatusAsync("run-abandoned") == "cancelled", "the abandoned run to be cancelled");
        Assert.Equal(1, await _agent.MetricAsync("netra_agent_runs_total{status=\"cancelled\"}"));
        Assert.Equal(0, await _agent.MetricAsync("netra_agent_runs_active"));
    }

    [Fact]
    public async Task A_run_id_already_streaming_is_a_409_problem()
    {
        using var first = await _agent.PostRunAsync(RunBody.Of(runId: "run-twice"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await _agent.PostRunAsync(RunBody.Of(runId: "run-twice"));

        Assert.Equal("run_conflict", await Problem.CodeOfAsync(second, 409));
    }

    [Fact]
    public async Task Only_the_client_and_user_that_started_a_run_may_read_or_cancel_it()
    {
        using var response = await _agent.PostRunAsync(RunBody.Of(runId: "run-of-alice", userId: "alice"));
        using var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await ReadUntilAsync(stream, "agent_started");
        var probes = await auth.ServiceTokenAsync(AuthServiceFixture.ProbesClient);

        using (var otherClientGet = await _agent.GetRunAsync("run-of-alice", token: probes))
        using (var otherClientCancel = await _agent.CancelAsync("run-of-alice", token: probes))
        using (var otherUserCancel = await _agent.CancelAsync("run-of-alice", "?user_id=bob"))
        {
            Assert.Equal("run_not_found", await Problem.CodeOfAsync(otherClientGet, 404));
            Assert.Equal("run_not_found", await Problem.CodeOfAsync(otherClientCancel, 404));
            Assert.Equal("run_not_found", await Problem.CodeOfAsync(otherUserCancel, 404));
        }

        Assert.Equal("running", await _agent.RunStatusAsync("run-of-alice"));
        using (var ownerCancel = await _agent.CancelAsync("run-of-alice", "?user_id=alice"))
        {
            Assert.Equal(HttpStatusCode.Accepted, ownerCancel.StatusCode);
        }

        Assert.Equal("cancelled", (await stream.ReadToEndAsync())[^1].Text("code"));
    }

    private static async Task ReadUntilAsync(EventStreamReader stream, string type)
    {
        while (await stream.NextAsync() is { } next)
        {
            if (next.Type == type)
            {
                return;
            }
        }

        Assert.Fail($"the stream ended before a {type} event");
    }
}
