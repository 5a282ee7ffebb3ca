using System.CommandLine;
using Netra.Probes.Reporting;

namespace Netra.Operator.Cli;

/// <summary><c>--junit</c> and <c>--json</c>, as every command that ends with a run's results takes them.</summary>
public sealed class ReportOptions
{
    public Option<FileInfo?> JUnit { get; } = new("--junit") { Description = "Write a JUnit XML report of every case to this file." };

    public Option<FileInfo?> Json { get; } = new("--json") { Description = "Write every case's result to this JSON file." };

    public IEnumerable<Option> All => [JUnit, Json];

    /// <summary>The report files asked for, each checked before any work (<see cref="ReportPaths"/>).</summary>
    public ReportOutputs Outputs(ParseResult parsed) =>
        new(ReportPaths.Writable(parsed.GetValue(Json)), ReportPaths.Writable(parsed.GetValue(JUnit)), null);
}
