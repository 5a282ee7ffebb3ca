using System.Collections.Concurrent;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// The full report of a finished probe pod whose termination message does not carry all of it (no room for it, or
/// evidence of failed cases, which never goes to a pod's status), read from the tail of the
/// pod's log (<see cref="ReportLine"/>; the operator's only grant for it is <c>get pods/log</c>), bounded in bytes and
/// read once per pod. A log that cannot be read (the pod is gone, the node does not answer) leaves the termination
/// message's report (without evidence), or its summary alone.
/// </summary>
public sealed class ProbeLogReports(IKubernetes client)
{
    /// <summary>Pods whose log was read; forgotten whole past this many, as a finished run no longer reads them.</summary>
    private const int MaxRemembered = 512;

    private readonly ConcurrentDictionary<string, string?> _byPodUid = new(StringComparer.Ordinal);

    /// <summary>The observations with <see cref="JobObservation.Report"/> filled where the termination message lacks it or its evidence.</summary>
    public async Task<Dictionary<string, JobObservation>> FillAsync(
        Dictionary<string, JobObservation> jobs, IEnumerable<V1Pod> pods, CancellationToken cancellationToken)
    {
        foreach (var (name, job) in jobs.ToList())
        {
            if (job.Progress == JobProgress.Running || !NeedsLog(job.TerminationMessage)
                || FinishedPod(pods, name) is not { } pod)
            {
                continue;
            }

            jobs[name] = job with { Report = await ReadAsync(pod, cancellationToken) };
        }

        return jobs;
    }

    /// <summary>The pod's summary has no report, or one without the evidence of its failed cases: its log has the rest.</summary>
    public static bool NeedsLog(string? terminationMessage) =>
        TerminationMessage.Parse(terminationMessage) is { Report: null } or { EvidenceInLog: true };

    private static V1Pod? FinishedPod(IEnumerable<V1Pod> pods, string jobName) => pods
        .Where(p => p.Metadata.Labels is { } labels && labels.TryGetValue("job-name", out var owner) && owner == jobName)
        .FirstOrDefault(p => (p.Status?.ContainerStatuses ?? []).Any(s => s.State?.Terminated is not null));

    private async Task<string?> ReadAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid ?? $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        if (_byPodUid.TryGetValue(uid, out var known))
        {
            return known;
        }

        string? report;
        try
        {
            await using var log = await client.CoreV1.ReadNamespacedPodLogAsync(
                pod.Metadata.Name,
                pod.Metadata.NamespaceProperty,
                container: pod.Spec?.Containers?.FirstOrDefault()?.Name,
                tailLines: ReportLine.TailLines,
                limitBytes: ReportLine.MaxTailBytes,
                cancellationToken: cancellationToken);
            report = ReportLine.Find(await ReadBoundedAsync(log, ReportLine.MaxTailBytes, cancellationToken));
        }
        catch (HttpOperationException)
        {
            report = null;
        }
        catch (HttpRequestException)
        {
            report = null;
        }

        if (_byPodUid.Count >= MaxRemembered)
        {
            _byPodUid.Clear();
        }

        _byPodUid[uid] = report;
        return report;
    }

    /// <summary>At most <paramref name="maxBytes"/> of a log stream, as text.</summary>
    internal static async Task<string> ReadBoundedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var length = 0;
        for (int read; length < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0;)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
