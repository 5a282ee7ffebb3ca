namespace Netra.Agent.Llm;

/// <summary>The model's answer: text, and the tools it asks to run (none for a final answer).</summary>
public sealed record LlmCompletion(string Content, IReadOnlyList<LlmToolCall> ToolCalls);

/// <summary>A tool call asked for by the model; <see cref="Arguments"/> is a JSON object as text.</summary>
public sealed record LlmToolCall(string Id, string Name, string Arguments);
