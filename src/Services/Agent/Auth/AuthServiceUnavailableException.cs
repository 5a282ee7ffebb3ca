namespace Netra.Agent.Auth;

/// <summary>The auth service could not be reached, so no token can be accepted.</summary>
public sealed class AuthServiceUnavailableException : Exception
{
    public AuthServiceUnavailableException()
    {
    }

    public AuthServiceUnavailableException(string message) : base(message)
    {
    }

    public AuthServiceUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
