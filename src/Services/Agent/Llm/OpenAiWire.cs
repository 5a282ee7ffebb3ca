using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Netra.Agent.Llm;

/// <summary>The subset of the OpenAI chat completions protocol the agent speaks (tools as functions).</summary>
public static class OpenAiWire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<Tool>? Tools, double Temperature);

    public sealed record ChatMessage(string Role, string? Content, IReadOnlyList<ToolCall>? ToolCalls = null, string? ToolCallId = null);

    public sealed record Tool(string Type, FunctionSpec Function);

    public sealed record FunctionSpec(string Name, string Description, JsonNode? Parameters);

    public sealed record ToolCall(string Id, string Type, FunctionCall Function);

    public sealed record FunctionCall(string Name, string Arguments);

    public sealed record ChatResponse(IReadOnlyList<Choice>? Choices);

    public sealed record Choice(ChatMessage? Message);
}
