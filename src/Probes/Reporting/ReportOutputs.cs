using Netra.Probes.Report;

namespace Netra.Probes.Reporting;

/// <summary>Where a run's machine-readable results go; each path is optional.</summary>
public sealed record ReportOutputs(string? JsonPath, string? JUnitPath, string? TerminationLogPath)
{
    public async Task WriteAsync(RunReport report, CancellationToken cancellationToken)
    {
        if (JsonPath is not null)
        {
            await JsonReport.WriteAsync(report, JsonPath, cancellationToken);
        }

        if (JUnitPath is not null)
        {
            await JUnitReport.WriteAsync(report, JUnitPath, cancellationToken);
        }

        if (TerminationLogPath is not null)
        {
            await File.WriteAllTextAsync(TerminationLogPath, TerminationMessageComposer.Compose(report), cancellationToken);
        }
    }
}
