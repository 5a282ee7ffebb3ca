using System.Globalization;
using System.Text.RegularExpressions;

namespace Netra.HelmStandIn;

/// <summary>
/// The one helm command the operator's deploy Job runs, as the stand-in reads it:
/// <c>upgrade --install RELEASE CHART --namespace NS --wait --timeout DURATION --values FILE [--version V]</c>.
/// Anything else is refused with a one-line reason, so a change to the Job's command shows here first.
/// </summary>
public sealed partial record HelmCommandLine(string Release, string Chart, string Namespace, TimeSpan Timeout, string ValuesFile)
{
    /// <summary>The command, or why it is not one the stand-in does.</summary>
    public static (HelmCommandLine? Command, string? Error) Parse(string[] args)
    {
        if (args is not ["upgrade", "--install", var release, var chart, .. var rest])
        {
            return (null, $"the helm stand-in runs 'upgrade --install RELEASE CHART ...' only, not '{string.Join(' ', args)}'");
        }

        string? ns = null, values = null;
        TimeSpan? timeout = null;
        var wait = false;
        for (var i = 0; i < rest.Length; i++)
        {
            var option = rest[i];
            if (option == "--wait")
            {
                wait = true;
                continue;
            }

            if (i + 1 >= rest.Length)
            {
                return (null, $"{option} needs a value");
            }

            var value = rest[++i];
            switch (option)
            {
                case "--namespace":
                    ns = value;
                    break;
                case "--values":
                    values = value;
                    break;
                case "--timeout":
                    timeout = GoDuration(value);
                    if (timeout is null)
                    {
                        return (null, $"--timeout '{value}' is not a duration such as 600s or 10m");
                    }

                    break;
                case "--version":
                    return (null, $"the helm stand-in installs chart archives on disk only, not chart {chart} version {value}");
                default:
                    return (null, $"the helm stand-in does not know {option}");
            }
        }

        if (!chart.EndsWith(".tgz", StringComparison.Ordinal) || !Path.IsPathRooted(chart))
        {
            return (null, $"the helm stand-in installs chart archives on disk only (/charts/NAME.tgz), not '{chart}'");
        }

        return (ns, values, timeout, wait) switch
        {
            (null, _, _, _) => (null, "--namespace is required"),
            (_, null, _, _) => (null, "--values is required"),
            (_, _, null, _) => (null, "--timeout is required"),
            (_, _, _, false) => (null, "--wait is required: the stand-in always waits, as the deploy Job asks"),
            _ => (new HelmCommandLine(release, chart, ns, timeout.Value, values), null),
        };
    }

    /// <summary>A Go duration of hours, minutes and seconds (<c>1h2m3s</c>, <c>600s</c>), as helm's --timeout takes.</summary>
    private static TimeSpan? GoDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return null;
        }

        static int Part(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(match.Groups["h"]), Part(match.Groups["m"]), Part(match.Groups["s"]));
    }

    [GeneratedRegex(@"^(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,5})m)?(?:(?<s>\d{1,7})s)?$")]
    private static partial Regex DurationPattern();
}
