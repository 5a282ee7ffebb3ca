namespace Netra.Probes.Model;

/// <summary>
/// The message of a case that did not run because the run ended first (a failed preflight, an interruption, a scenario
/// the run never reached): an error that says why, never a silent skip.
/// </summary>
public static class NotRun
{
    public const string Prefix = "not run: ";

    public static string Message(string reason) => Prefix + reason;
}
