namespace Netra.Agent.Tools;

/// <summary>A tool could not do its job. Transient failures are retried.</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException()
    {
    }

    public ToolFailedException(string message) : base(message)
    {
    }

    public ToolFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ToolFailedException(string message, bool isTransient) : base(message)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }
}
