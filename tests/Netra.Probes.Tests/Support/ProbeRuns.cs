using System.Text.Json;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Tests.Support;

/// <summary>A <c>netra-probes run</c> command line as the operator's Jobs build it, with every report written to one folder.</summary>
public sealed class ProbeRuns : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-probes-run-");

    public string Json => Path.Combine(_folder.FullName, "report.json");

    public string JUnit => Path.Combine(_folder.FullName, "junit.xml");

    public string TerminationLog => Path.Combine(_folder.FullName, "termination-log");

    public IReadOnlyList<string> Arguments(ProbeTargets targets, string profile, params string[] extra) =>
    [
        .. ProbeCommandLine.RunArguments(
            targets.AuthUrl.ToString(), targets.BackendUrl.ToString(), targets.AgentUrl.ToString(), [], TerminationLog, profile),
        "--json", Json,
        "--junit", JUnit,
        .. extra,
    ];

    /// <summary>Every case of the JSON report: id, result, message.</summary>
    public IReadOnlyList<(string Id, string Result, string? Message)> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Json));
        return [.. document.RootElement.GetProperty("scenarios").EnumerateArray()
            .SelectMany(s => s.GetProperty("cases").EnumerateArray())
            .Select(c => (
                c.GetProperty("id").GetString()!,
                c.GetProperty("result").GetString()!,
                c.TryGetProperty("message", out var message) ? message.GetString() : null))];
    }

    public TerminationMessage.Summary Summary() => TerminationMessage.Parse(File.ReadAllText(TerminationLog))
        ?? throw new InvalidOperationException("The termination log holds no summary.");

    public void Dispose() => _folder.Delete(recursive: true);
}
