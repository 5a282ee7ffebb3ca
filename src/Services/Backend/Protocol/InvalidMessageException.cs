namespace Netra.Backend.Protocol;

/// <summary>A client frame the contract does not allow; answered with <c>error {code: "invalid_message"}</c>.</summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException()
    {
    }

    public InvalidMessageException(string message)
        : base(message)
    {
    }

    public InvalidMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
