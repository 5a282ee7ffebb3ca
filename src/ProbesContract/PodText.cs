namespace Netra.Probes.Contract;

/// <summary>
/// Text that comes from a pod (a termination message, a log tail), made fit for a status or an Event: one line,
/// no control characters, at most a given length. A pod's text never reaches a status otherwise.
/// </summary>
public static class PodText
{
    public static string OneLine(string text, int maxChars)
    {
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= maxChars ? line : string.Concat(line.AsSpan(0, maxChars - 1), "…");
    }
}
