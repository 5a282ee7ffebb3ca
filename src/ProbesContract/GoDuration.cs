using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Netra.Probes.Contract;

/// <summary>
/// Durations as Kubernetes users write them (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>500ms</c>): the one form of every
/// duration a user of the operator or the probes writes (TestRun fields, flags, chart values). Bounded: at most
/// <see cref="MaxChars"/> characters and <see cref="Longest"/>, so that no text the API server accepts overflows a
/// time computed from it.
/// </summary>
public static partial class GoDuration
{
    /// <summary>The shape the CRD schema checks at apply; <see cref="TryParse"/> also checks the amounts.</summary>
    public const string Pattern = "^([0-9]+(ms|s|m|h))+$";

    public const int MaxChars = 32;

    /// <summary>The longest duration read (about 11 years): anything longer is not a duration here.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(100_000);

    [GeneratedRegex(@"^(?:(\d+)(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = text is null || text.Length > MaxChars ? null : Shape().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        for (var i = 0; i < match.Groups[1].Captures.Count; i++)
        {
            var digits = match.Groups[1].Captures[i].Value;
            var (most, of) = match.Groups[2].Captures[i].Value switch
            {
                "h" => (Longest.TotalHours, (Func<double, TimeSpan>)TimeSpan.FromHours),
                "m" => (Longest.TotalMinutes, TimeSpan.FromMinutes),
                "s" => (Longest.TotalSeconds, TimeSpan.FromSeconds),
                _ => (Longest.TotalMilliseconds, (Func<double, TimeSpan>)TimeSpan.FromMilliseconds),
            };
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > most)
            {
                return false;
            }

            duration += of(amount);
            if (duration > Longest)
            {
                return false;
            }
        }

        return true;
    }

    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration such as 90s, 15m or 1h30m.");

    /// <summary>Whole seconds for people: <c>0s</c>, <c>42s</c>, <c>3m7s</c>, <c>1h2m0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var total = (long)Math.Max(0, Math.Round(duration.TotalSeconds));
        var text = new StringBuilder();
        if (total >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total / 3600}h");
        }

        if (total >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total % 3600 / 60}m");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{total % 60}s").ToString();
    }
}
