using Netra.Probes.Report;
using Netra.Probes.Running;

namespace Netra.Probes.Evidence;

/// <summary>
/// The pods that answered one scenario's requests, per service, from the <see cref="Header"/> of each response: the proof
/// of which revision a scenario reached. The runner makes one current around each scenario; it is held in an
/// <see cref="AsyncLocal{T}"/>, so that scenarios running at once, which share one HttpClient, each collect their own, and
/// is thread-safe, as a scenario's cases may run alongside. A service's names past <see cref="AnsweredBy.MaxNamesPerService"/>
/// are not kept.
/// </summary>
public sealed class AnsweringPods(ProbeTargets targets)
{
    public const string Header = "Netra-Pod";

    private static readonly AsyncLocal<AnsweringPods?> Ambient = new();

    private readonly HashSet<string> _auth = new(StringComparer.Ordinal);
    private readonly HashSet<string> _backend = new(StringComparer.Ordinal);
    private readonly HashSet<string> _agent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The pods of the scenario the caller runs in, or null outside any scenario (the preflight).</summary>
    public static AnsweringPods? Current => Ambient.Value;

    /// <summary>Makes this the collection of the calling flow: the scenario and every task it starts.</summary>
    public void MakeCurrent() => Ambient.Value = this;

    /// <summary>The pods named in the answer to a request to <paramref name="requestUri"/>, kept for the target it went to.</summary>
    public void Record(Uri requestUri, IEnumerable<string> pods)
    {
        var names = targets.AuthUrl.IsBaseOf(requestUri) ? _auth
            : targets.BackendUrl.IsBaseOf(requestUri) ? _backend
            : targets.AgentUrl.IsBaseOf(requestUri) ? _agent
            : null;
        if (names is not null)
        {
            Add(names, pods);
        }
    }

    /// <summary>The pod named in the backend's answer to a WebSocket upgrade (its response headers, null when none came).</summary>
    public void RecordUpgrade(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers?.FirstOrDefault(h => h.Key.Equals(Header, StringComparison.OrdinalIgnoreCase)).Value is { } pods)
        {
            Add(_backend, pods);
        }
    }

    public AnsweredBy? AnsweredBy()
    {
        lock (_gate)
        {
            return Report.AnsweredBy.Of(_auth, _backend, _agent);
        }
    }

    private void Add(HashSet<string> names, IEnumerable<string> pods)
    {
        lock (_gate)
        {
            foreach (var name in pods.Select(Report.AnsweredBy.Kept).Where(n => n.Length > 0))
            {
                if (names.Count < Report.AnsweredBy.MaxNamesPerService)
                {
                    names.Add(name);
                }
            }
        }
    }
}
