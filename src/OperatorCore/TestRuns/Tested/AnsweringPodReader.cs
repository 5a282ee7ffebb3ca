using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// Reads the image of each pod that answered a run's probes (<see cref="AnsweredPods"/>). An Ephemeral run's pods are
/// among those of its environment namespace, which the observer lists anyway. An Existing run's are looked up by name
/// (<c>list pods</c> with a field selector, which the operator holds for the probe pods) in the namespace of the
/// service's endpoint when it is a cluster Service address (<c>netra-backend.NS.svc</c>, or a bare name: the TestRun's
/// namespace) and only if it is labelled as the service's chart labels its pods (<c>app.kubernetes.io/name=netra-auth</c>):
/// a service names its own pod, so an endpoint a tenant controls cannot have another workload's image read for it; behind
/// any other address the pods are not the cluster's to read and no image is recorded. A pod read is
/// remembered for the run (a StatefulSet's pod keeps its name from one rollout to the next: not beyond it), bounded.
/// </summary>
public sealed class AnsweringPodReader(IKubernetes client)
{
    private const int MaxRemembered = 512;

    private readonly ConcurrentDictionary<string, PodImage?> _byPod = new(StringComparer.Ordinal);

    public async Task<TestedFacts> ReadAsync(
        TestRun run,
        ResolvedSpec spec,
        IReadOnlyDictionary<string, JobObservation> probeJobs,
        IReadOnlyList<V1Pod> environmentPods,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string Service, string Pod), PodImage>();
        foreach (var (service, pod) in AnsweredPods.Of(run, spec, probeJobs))
        {
            var image = spec.Ephemeral
                ? environmentPods.FirstOrDefault(p => p.Metadata.Name == pod) is { } listed ? PodImage.Of(listed, service) : null
                : ServiceNamespace(run, spec, service) is { } ns ? await ReadAsync(run, ns, pod, service, cancellationToken) : null;
            if (image is not null)
            {
                found[(service, pod)] = image;
            }
        }

        return new TestedFacts(found);
    }

    /// <summary>The namespace of an Existing run's service endpoint when it is a cluster Service address, else null.</summary>
    public static string? ServiceNamespace(TestRun run, ResolvedSpec spec, string service)
    {
        var url = service switch
        {
            TestedServices.Auth => spec.Endpoints?.AuthUrl,
            TestedServices.Backend => spec.Endpoints?.BackendUrl,
            _ => spec.Endpoints?.AgentUrl,
        };
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        return uri.Host.Split('.') switch
        {
            [_] => run.Metadata.NamespaceProperty,
            [_, var ns, "svc", ..] => ns,
            _ => null,
        };
    }

    private async Task<PodImage?> ReadAsync(TestRun run, string ns, string pod, string service, CancellationToken cancellationToken)
    {
        var key = $"{run.Metadata.Uid}/{run.Status?.Run}/{ns}/{pod}/{service}";
        if (_byPod.TryGetValue(key, out var known))
        {
            return known;
        }

        PodImage? image;
        try
        {
            // Only a Netra service's pod, as its chart labels it: a header names the pod, and whoever answers sets the header.
            var pods = await client.CoreV1.ListNamespacedPodAsync(
                ns, fieldSelector: $"metadata.name={pod}", labelSelector: $"app.kubernetes.io/name=netra-{service}",
                cancellationToken: cancellationToken);
            image = pods.Items.FirstOrDefault() is { } read ? PodImage.Of(read, service) : null;
        }
        catch (Exception error) when (ApiErrors.IsForbidden(error) || error is HttpRequestException)
        {
            return null;
        }

        if (_byPod.Count >= MaxRemembered)
        {
            _byPod.Clear();
        }

        _byPod[key] = image;
        return image;
    }
}
