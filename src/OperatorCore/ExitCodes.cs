namespace Netra.Operator.Core;

/// <summary>The exit codes of <c>netra-operator</c>: the run succeeded, it failed, or the input was invalid.</summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Invalid = 2;
}
