using Microsoft.Extensions.Options;

namespace Netra.Agent.Runs;

/// <summary>
/// The runs this instance knows: the active ones (bounded by <see cref="RunOptions.MaxConcurrentRuns"/>)
/// and the last <see cref="RunOptions.RetainedRuns"/> finished ones.
/// </summary>
public sealed class RunRegistry(IOptions<RunOptions> options, RunMetrics metrics)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Queue<Run> _finished = new();
    private int _active;

    public enum Admission
    {
        Admitted,
        DuplicateRunId,
        AtCapacity,
    }

    public Admission TryAdmit(Run run)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(run.RunId, out var existing) && existing.IsActive)
            {
                return Admission.DuplicateRunId;
            }

            if (_active >= options.Value.MaxConcurrentRuns)
            {
                return Admission.AtCapacity;
            }

            _runs[run.RunId] = run;
            _active++;
        }

        metrics.Started();
        return Admission.Admitted;
    }

    public void Finish(Run run, RunStatus status, DateTimeOffset at)
    {
        lock (_lock)
        {
            run.Finish(status, at);
            _active--;
            _finished.Enqueue(run);
            while (_finished.Count > options.Value.RetainedRuns)
            {
                var forgotten = _finished.Dequeue();
                if (_runs.TryGetValue(forgotten.RunId, out var current) && ReferenceEquals(current, forgotten))
                {
                    _runs.Remove(forgotten.RunId);
                }
            }
        }

        metrics.Finished(status);
        run.Dispose();
    }

    public Run? Find(string runId)
    {
        lock (_lock)
        {
            return _runs.GetValueOrDefault(runId);
        }
    }

    /// <summary>Cancels every active run (the service is stopping).</summary>
    public void CancelAll()
    {
        List<Run> active;
        lock (_lock)
        {
            active = [.. _runs.Values.Where(run => run.IsActive)];
        }

        active.ForEach(run => run.Cancel());
    }
}
