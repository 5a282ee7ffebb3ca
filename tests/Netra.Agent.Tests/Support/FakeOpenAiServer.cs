using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Netra.ServiceDefaults;

namespace Netra.Agent.Tests.Support;

/// <summary>
/// Stands in for an OpenAI-compatible model server: a real Kestrel on loopback answering
/// <c>POST /v1/chat/completions</c>. Its first turn calls <c>lookup_records</c>; once a tool result
/// is in the conversation it answers with <see cref="Answer"/>. It can be told to fail the next
/// calls with a given status, and it records every request it received.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string Thought = "I should look up the agent's records first.";
    public const string Answer = "The agent service is at 99.8% availability with a p99 of 120 ms.";

    private readonly WebApplication _app;
    private int _failuresLeft;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<(string? Authorization, JsonElement Body)> Requests { get; } = new();

    /// <summary>The status the next failing calls answer with.</summary>
    public int FailureStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        server.BaseUrl = await app.StartAndGetAddressAsync();
        return server;
    }

    /// <summary>When set, every call that carries a tool result (the answer turn) fails with <see cref="FailureStatus"/>.</summary>
    public bool FailAnswers { get; set; }

    public void FailNext(int calls) => Interlocked.Exchange(ref _failuresLeft, calls);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> CompleteAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        Requests.Enqueue((request.Headers.Authorization.ToString(), body));
        var hasToolResult = body.GetProperty("messages").EnumerateArray().Any(message => message.GetProperty("role").GetString() == "tool");
        if (Interlocked.Decrement(ref _failuresLeft) >= 0 || (hasToolResult && FailAnswers))
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "overloaded" } }, statusCode: FailureStatus);
        }

        var message = hasToolResult
            ? new JsonObject { ["role"] = "assistant", ["content"] = Answer }
            : new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = Thought,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_abc",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "lookup_records", ["arguments"] = """{"query":"agent"}""" },
                }),
            };
        return Results.Json(new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["model"] = body.GetProperty("model").GetString(),
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = hasToolResult ? "stop" : "tool_calls" }),
        });
    }
}
