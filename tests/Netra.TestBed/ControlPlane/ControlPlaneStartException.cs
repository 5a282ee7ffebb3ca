namespace Netra.TestBed;

/// <summary>The control plane did not come up; the message holds the tail of each component's log.</summary>
public sealed class ControlPlaneStartException : Exception
{
    public ControlPlaneStartException()
    {
    }

    public ControlPlaneStartException(string message)
        : base(message)
    {
    }

    public ControlPlaneStartException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
