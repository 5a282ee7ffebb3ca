using Netra.Probes.Model;
using Netra.Probes.Reporting;

namespace Netra.Operator.Local;

/// <summary>
/// The full reports of a local run: each probe Job writes its own JSON report into a temporary folder, and the
/// run's report is the last attempt of each scenario, in the status' order, as <c>netra-probes</c> would have
/// written it for the whole run. The folder goes with this object.
/// </summary>
public sealed class ScenarioReports : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-reports-");
    private readonly Dictionary<string, (int Attempt, string Path)> _latest = [];
    private readonly Lock _gate = new();

    /// <summary>Where the probe Job of this scenario and attempt writes its report.</summary>
    public string PathFor(string scenario, int attempt) =>
        Path.Combine(_folder.FullName, $"{scenario}-a{attempt}.json");

    /// <summary>Records that the Job of this scenario and attempt ended (its report, if it wrote one, is final).</summary>
    public void Ended(string scenario, int attempt)
    {
        lock (_gate)
        {
            if (!_latest.TryGetValue(scenario, out var known) || known.Attempt < attempt)
            {
                _latest[scenario] = (attempt, PathFor(scenario, attempt));
            }
        }
    }

    /// <summary>The run's report: the scenarios in <paramref name="order"/>; one that never ran has no cases.</summary>
    public async Task<RunReport> MergeAsync(IReadOnlyList<string> order, DateTimeOffset startedAt, TimeSpan duration, string? aborted)
    {
        var scenarios = new List<ScenarioResult>();
        foreach (var name in order)
        {
            string? path;
            lock (_gate)
            {
                path = _latest.TryGetValue(name, out var latest) && File.Exists(latest.Path) ? latest.Path : null;
            }

            var report = path is null ? null : await JsonReport.ReadAsync(path, CancellationToken.None);
            scenarios.Add(report?.Scenarios.FirstOrDefault(s => s.Name == name) ?? new ScenarioResult(name, [], TimeSpan.Zero));
        }

        return new RunReport(startedAt, duration, scenarios, aborted);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
