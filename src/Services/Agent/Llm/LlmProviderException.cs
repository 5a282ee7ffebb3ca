namespace Netra.Agent.Llm;

/// <summary>The model could not answer. Transient failures are retried and count against the circuit breaker.</summary>
public sealed class LlmProviderException : Exception
{
    public LlmProviderException()
    {
    }

    public LlmProviderException(string message) : base(message)
    {
    }

    public LlmProviderException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public LlmProviderException(string message, bool isTransient, Exception? innerException = null) : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }
}
