using Netra.Probes.Report;
using Netra.Probes.Scenarios;

namespace Netra.Operator.Local;

/// <summary>
/// The full reports of a local run: each probe Job writes its own JSON report into a temporary folder, and the
/// run's report is each scenario's last attempt carrying the failures of the attempts before it, in the status'
/// order, as <c>netra-probes</c> would have written it for the whole run. The folder goes with this object.
/// </summary>
public sealed class ScenarioReports : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-reports-");
    private readonly Dictionary<string, SortedSet<int>> _ended = [];
    private readonly Lock _gate = new();

    /// <summary>Where the probe Job of this scenario and attempt writes its report.</summary>
    public string PathFor(string scenario, int attempt) =>
        Path.Combine(_folder.FullName, $"{scenario}-a{attempt}.json");

    /// <summary>Records that the Job of this scenario and attempt ended (its report, if it wrote one, is final).</summary>
    public void Ended(string scenario, int attempt)
    {
        lock (_gate)
        {
            if (!_ended.TryGetValue(scenario, out var attempts))
            {
                _ended[scenario] = attempts = [];
            }

            attempts.Add(attempt);
        }
    }

    /// <summary>
    /// The run's report: the scenarios in <paramref name="order"/>; one that left no report lists its cases as errors
    /// that say why (<paramref name="whyNoReport"/>).
    /// </summary>
    public async Task<RunReport> MergeAsync(
        IReadOnlyList<string> order, DateTimeOffset startedAt, TimeSpan duration, string? aborted, Func<string, string> whyNoReport)
    {
        var scenarios = new List<ScenarioResult>();
        foreach (var name in order)
        {
            var attempts = new List<(int, ScenarioResult)>();
            foreach (var attempt in EndedAttempts(name))
            {
                var path = PathFor(name, attempt);
                var report = File.Exists(path) ? await JsonReport.ReadAsync(path, CancellationToken.None) : null;
                if (report?.Scenarios.FirstOrDefault(s => s.Name == name) is { } reported)
                {
                    attempts.Add((attempt, reported));
                }
            }

            scenarios.Add(AttemptHistory.Fold(attempts)
                ?? NotRun.Scenario(name, whyNoReport(name)));
        }

        return new RunReport(startedAt, duration, scenarios, aborted);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private List<int> EndedAttempts(string scenario)
    {
        lock (_gate)
        {
            return _ended.TryGetValue(scenario, out var attempts) ? [.. attempts] : [];
        }
    }
}
