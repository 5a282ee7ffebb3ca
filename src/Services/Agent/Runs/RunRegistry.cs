using Microsoft.Extensions.Options;

namespace Netra.Agent.Runs;

/// <summary>
/// The runs this instance knows: the active ones (bounded by <see cref="RunOptions.MaxConcurrentRuns"/> in all and
/// <see cref="RunOptions.MaxConcurrentRunsPerUser"/> per user) and the last <see cref="RunOptions.RetainedRuns"/>
/// finished ones. Run ids are scoped by the calling client, so one client can neither see nor collide with another's.
/// </summary>
public sealed class RunRegistry(IOptions<RunOptions> options, RunMetrics metrics)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string ClientId, string RunId), Run> _runs = [];
    private readonly Dictionary<(string ClientId, string UserId), int> _activeByUser = [];
    private readonly Queue<Run> _finished = new();
    private int _active;

    public enum Admission
    {
        Admitted,
        DuplicateRunId,
        AtCapacity,
        UserAtCapacity,
    }

    public Admission TryAdmit(Run run)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(KeyOf(run), out var existing) && existing.IsActive)
            {
                return Admission.DuplicateRunId;
            }

            if (_active >= options.Value.MaxConcurrentRuns)
            {
                return Admission.AtCapacity;
            }

            var user = (run.ClientId, run.UserId);
            var userActive = _activeByUser.GetValueOrDefault(user);
            if (userActive >= options.Value.MaxConcurrentRunsPerUser)
            {
                return Admission.UserAtCapacity;
            }

            _runs[KeyOf(run)] = run;
            _activeByUser[user] = userActive + 1;
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
            var user = (run.ClientId, run.UserId);
            if (--_activeByUser[user] == 0)
            {
                _activeByUser.Remove(user);
            }

            _finished.Enqueue(run);
            while (_finished.Count > options.Value.RetainedRuns)
            {
                var forgotten = _finished.Dequeue();
                if (_runs.TryGetValue(KeyOf(forgotten), out var current) && ReferenceEquals(current, forgotten))
                {
                    _runs.Remove(KeyOf(forgotten));
                }
            }
        }

        metrics.Finished(status);
        run.Dispose();
    }

    /// <summary>The run <paramref name="runId"/> of the calling client <paramref name="clientId"/>, if it knows one.</summary>
    public Run? Find(string clientId, string runId)
    {
        lock (_lock)
        {
            return _runs.GetValueOrDefault((clientId, runId));
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

    private static (string ClientId, string RunId) KeyOf(Run run) => (run.ClientId, run.RunId);
}
