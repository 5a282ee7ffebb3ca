using System.Globalization;

namespace Netra.Probes.Contract;

/// <summary>
/// Text that comes from a pod (a termination message, a log tail, a packed report), made fit for a status, an Event or
/// the results: no control characters and no Unicode format characters (bidirectional overrides, zero-width joiners,
/// which can make a message read other than it is), at most a given length. A pod's text never reaches a status otherwise.
/// </summary>
public static class PodText
{
    /// <summary>One line: line breaks and tabs become spaces, runs of spaces one.</summary>
    public static string OneLine(string text, int maxChars)
    {
        var chars = text.Where(c => !IsFormat(c)).Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Shortened(line, maxChars);
    }

    /// <summary>Several lines kept (line feeds and tabs), every other control or format character dropped.</summary>
    public static string Clean(string text, int maxChars) =>
        Shortened(new string([.. text.Where(c => c is '\n' or '\t' || !(char.IsControl(c) || IsFormat(c)))]), maxChars);

    private static bool IsFormat(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static string Shortened(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
}
