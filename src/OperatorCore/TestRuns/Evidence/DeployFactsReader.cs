using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Evidence;

/// <summary>
/// Reads, once a deploy failed, the Events and log tails of the pods <see cref="DeployEvidence.PodsToRead"/> chose:
/// <c>list events</c> (the environment role's grant) for each pod by field selector, <c>get pods/log</c> with
/// <c>tailLines</c> and <c>limitBytes</c>. A log or Events the API server cannot give is said in one line, never an error.
/// </summary>
public sealed class DeployFactsReader(IKubernetes client)
{
    public async Task<DeployFacts> ReadAsync(string ns, IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, IReadOnlyList<Corev1Event>>(StringComparer.Ordinal);
        var logs = new Dictionary<string, PodLog>(StringComparer.Ordinal);
        foreach (var pod in DeployEvidence.PodsToRead(pods))
        {
            var name = pod.Metadata.Name;
            events[name] = await EventsAsync(ns, name, cancellationToken);
            logs[name] = await LogAsync(pod, cancellationToken);
        }

        return new DeployFacts(pods, events, logs);
    }

    private async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, string pod, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await client.CoreV1.ListNamespacedEventAsync(
                ns, fieldSelector: $"involvedObject.kind=Pod,involvedObject.name={pod}", limit: DeployEvidence.MaxEventsRead,
                cancellationToken: cancellationToken);
            return [.. listed.Items];
        }
        catch (Exception error) when (error is HttpOperationException or HttpRequestException)
        {
            return [];
        }
    }

    private async Task<PodLog> LogAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await using var log = await client.CoreV1.ReadNamespacedPodLogAsync(
                pod.Metadata.Name,
                pod.Metadata.NamespaceProperty,
                container: DeployEvidence.ContainerToRead(pod),
                tailLines: DeployEvidence.LogTailLines,
                limitBytes: DeployEvidence.MaxLogBytes,
                cancellationToken: cancellationToken);
            return new PodLog(await ProbeLogReports.ReadBoundedAsync(log, DeployEvidence.MaxLogBytes, cancellationToken));
        }
        catch (HttpOperationException refused)
        {
            return new PodLog(null, PodText.OneLine(ApiMessage(refused), DeployEvidence.MaxMessageChars));
        }
        catch (HttpRequestException unreachable)
        {
            return new PodLog(null, PodText.OneLine(unreachable.Message, DeployEvidence.MaxMessageChars));
        }
    }

    /// <summary>The API server's message (its Status answer), else the HTTP status.</summary>
    private static string ApiMessage(HttpOperationException refused)
    {
        var content = refused.Response?.Content ?? string.Empty;
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(content)?["message"]?.GetValue<string>() is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
        }

        return $"{(int?)refused.Response?.StatusCode} {refused.Response?.ReasonPhrase}";
    }
}
