using System.Text.Json.Nodes;
using Netra.Agent.Llm;

namespace Netra.Agent.Tools;

/// <summary>The shape every built-in tool shares: one string argument, <c>query</c>.</summary>
public abstract class QueryTool(string name, string description) : ITool
{
    private const string Schema = """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""";

    public LlmToolSpec Spec { get; } = new(name, description, Schema);

    public Task<JsonObject> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var query = arguments["query"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ToolFailedException($"{Spec.Name} needs a string 'query' argument.", isTransient: false);
        return Task.FromResult(Answer(query));
    }

    protected abstract JsonObject Answer(string query);
}
