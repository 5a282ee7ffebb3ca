namespace Netra.Probes.Contract;

/// <summary>
/// A probe run's full report as the last line of its standard output (<see cref="ProbeCommandLine.LogReport"/>), packed
/// (<see cref="PackedReport"/>) behind a fixed prefix: how the operator gets every case out of a probe pod whatever
/// its size, by reading the tail of the pod's log, while the termination message keeps the summary within its 4 KiB.
/// </summary>
public static class ReportLine
{
    public const string Prefix = "netra-probes-report: ";

    /// <summary>How many lines of the log's tail are searched for the report line.</summary>
    public const int TailLines = 5;

    /// <summary>The most of the log's tail read: the packed report of the largest report <see cref="PackedReport"/> unpacks.</summary>
    public const int MaxTailBytes = PackedReport.MaxJsonBytes;

    public static string Compose(string json) => Prefix + PackedReport.Pack(json);

    /// <summary>The JSON report in the last report line of <paramref name="log"/>, or null when there is none (or it is not whole).</summary>
    public static string? Find(string? log)
    {
        if (string.IsNullOrEmpty(log))
        {
            return null;
        }

        var line = log.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line is null ? null : PackedReport.Unpack(line[Prefix.Length..]);
    }
}
