namespace Netra.Operator.Core;

/// <summary>
/// The exit codes of <c>netra-operator</c>: the run succeeded, it failed, the input was invalid, or a signal
/// stopped it (128 plus the signal's number, as shells report it).
/// </summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Invalid = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
