using Netra.Agent.Faults;
using Netra.Agent.Llm;
using Netra.Agent.Tools;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Netra.Agent.Supervisor;

/// <summary>
/// How a run that threw ends: the <c>error</c> event's code and <c>retryable</c>, and whether degraded
/// mode may answer instead (only when the model is what failed).
/// </summary>
public sealed record RunFailure(string Code, string Message, bool Retryable, bool ModelUnavailable)
{
    public static RunFailure Cancelled { get; } = new("cancelled", "The run was cancelled.", false, false);

    public static RunFailure From(Exception exception) => exception switch
    {
        BrokenCircuitException => new("llm_unavailable", "The language model is unavailable (circuit open).", true, true),
        TimeoutRejectedException => new("llm_timeout", "The language model did not answer in time.", true, true),
        LlmProviderException { IsTransient: true } => new("llm_error", "The language model failed to answer.", true, true),
        LlmProviderException => new("llm_error", "The language model refused the request.", false, false),
        ToolFailedException { IsTransient: true } => new("tool_failed", "A tool failed.", true, false),
        ToolFailedException => new("tool_failed", "A tool call was invalid.", false, false),
        ResourceExhaustedException => new("resource_exhausted", "The run exhausted its resources.", true, false),
        _ => new("internal_error", "The run failed unexpectedly.", true, false),
    };
}
