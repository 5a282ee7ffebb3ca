namespace Netra.Agent.Faults;

/// <summary>A run ran out of the resources it was allotted.</summary>
public sealed class ResourceExhaustedException : Exception
{
    public ResourceExhaustedException()
    {
    }

    public ResourceExhaustedException(string message) : base(message)
    {
    }

    public ResourceExhaustedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
