using Netra.Agent.Supervisor;
using Netra.Agent.Tools;

namespace Netra.Agent.Tests.Units;

public sealed class RoutingAndChunkingTests
{
    [Theory]
    [InlineData(null, "Write a report on last week", "reporting")]
    [InlineData(null, "Give me an OVERVIEW", "reporting")]
    [InlineData(null, "Show the latency of auth", "data_lookup")]
    [InlineData(null, "how many services are there", "data_lookup")]
    [InlineData(null, "My login is broken", "triage")]
    [InlineData(null, "hello", "triage")]
    [InlineData("triage", "Write a report", "triage")]
    [InlineData("data_lookup", "hello", "data_lookup")]
    [InlineData("", "Show metrics", "data_lookup")]
    public void The_supervisor_routes_to_the_named_agent_else_by_keywords(string? requested, string input, string expected) =>
        Assert.Equal(expected, AgentRouter.Route(requested, input));

    [Theory]
    [InlineData("", 10, new[] { "" })]
    [InlineData("short", 10, new[] { "short" })]
    [InlineData("one two three four", 8, new[] { "one two ", "three ", "four" })]
    [InlineData("abcdefghijkl", 5, new[] { "abcde", "fghij", "kl" })]
    [InlineData("ab cdefghijkl", 5, new[] { "ab ", "cdefg", "hijkl" })]
    public void Answers_are_chunked_at_word_boundaries_without_losing_a_character(string content, int max, string[] expected)
    {
        var chunks = ResponseChunker.Split(content, max);

        Assert.Equal(expected, chunks);
        Assert.Equal(content, string.Concat(chunks));
    }

    [Theory]
    [InlineData("The site is DOWN!", "incident", "high")]
    [InlineData("I forgot my password", "access", "normal")]
    [InlineData("urgent: refund my payment", "billing", "high")]
    [InlineData("What is Netra?", "question", "normal")]
    public void Requests_are_classified_by_keywords(string text, string category, string priority) =>
        Assert.Equal((category, priority), RequestClassifier.Classify(text));

    [Theory]
    [InlineData("status of auth", new[] { "auth" })]
    [InlineData("compare backend and agent", new[] { "backend", "agent" })]
    [InlineData("everything", new[] { "auth", "backend", "agent" })]
    public void Lookups_return_the_named_services_or_all(string query, string[] services) =>
        Assert.Equal(services, ServiceRecords.Matching(query).Select(record => record.Service));
}
