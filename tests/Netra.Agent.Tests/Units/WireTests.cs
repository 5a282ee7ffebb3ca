using Netra.Agent.Auth;
using Netra.Agent.Llm;
using Netra.Agent.Resilience;
using Polly.CircuitBreaker;

namespace Netra.Agent.Tests.Units;

public sealed class WireTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("bearer abc", "abc")]
    [InlineData("Bearer   abc  ", "abc")]
    [InlineData("Bearer ", null)]
    [InlineData("Bearer a b", null)]
    [InlineData("Basic dXNlcjpwYXNz", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Bearer_tokens_are_read_from_the_authorization_header(string? header, string? expected)
    {
        var found = BearerToken.TryRead(header, out var token);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected, token);
    }

    [Theory]
    [InlineData(new[] { "agent:run" }, true)]
    [InlineData(new[] { "profile agent:run other" }, true)]
    [InlineData(new[] { "profile", "agent:run" }, true)]
    [InlineData(new[] { "agent:runner" }, false)]
    [InlineData(new[] { "AGENT:RUN" }, false)]
    [InlineData(new string[0], false)]
    public void The_required_scope_must_be_granted_exactly(string[] claims, bool expected) =>
        Assert.Equal(expected, ScopeList.Contains(claims, "agent:run"));

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/chat/completions")]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v1/chat/completions")]
    [InlineData("https://api.example.com/v1/", "https://api.example.com/v1/chat/completions")]
    [InlineData("https://gateway.example.com/openai", "https://gateway.example.com/openai/v1/chat/completions")]
    public void The_chat_completions_endpoint_follows_the_base_url(string baseUrl, string expected) =>
        Assert.Equal(new Uri(expected), OpenAiEndpoint.ChatCompletions(new Uri(baseUrl)));

    [Theory]
    [InlineData(CircuitState.Closed, 0, "closed")]
    [InlineData(CircuitState.Open, 1, "open")]
    [InlineData(CircuitState.HalfOpen, 2, "half_open")]
    [InlineData(CircuitState.Isolated, 1, "isolated")]
    public void The_breaker_gauge_reads_0_closed_1_open_2_half_open(CircuitState state, double gauge, string label)
    {
        Assert.Equal(gauge, CircuitBreakerMetrics.GaugeValue(state));
        Assert.Equal(label, CircuitBreakerMetrics.LabelOf(state));
    }
}
