namespace Netra.Agent.Llm;

/// <summary>One call to the model: the conversation and the tools it may ask for.</summary>
public sealed record LlmRequest(IReadOnlyList<LlmMessage> Messages, IReadOnlyList<LlmToolSpec> Tools);

/// <summary>A conversation message; <see cref="ToolCalls"/> for an assistant turn, <see cref="ToolCallId"/> for a tool result.</summary>
public sealed record LlmMessage(string Role, string Content, IReadOnlyList<LlmToolCall>? ToolCalls = null, string? ToolCallId = null)
{
    public static LlmMessage System(string content) => new("system", content);

    public static LlmMessage User(string content) => new("user", content);

    public static LlmMessage Assistant(string content, IReadOnlyList<LlmToolCall> toolCalls) => new("assistant", content, toolCalls);

    public static LlmMessage ToolResult(string toolCallId, string content) => new("tool", content, ToolCallId: toolCallId);
}

/// <summary>A tool the model may call; <see cref="ParametersSchema"/> is a JSON Schema object.</summary>
public sealed record LlmToolSpec(string Name, string Description, string ParametersSchema);
