namespace Netra.Agent.Llm;

/// <summary>A chat model: given the conversation so far and the tools it may call, answers with text and tool calls.</summary>
public interface ILlmProvider
{
    Task<LlmCompletion> CompleteAsync(LlmRequest request, CancellationToken cancellationToken);
}
