using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Local;
using Netra.Probes.Running;

namespace Netra.TestBed;

/// <summary>
/// Stands in for helm in a deploy pod, which nothing can run here: starts the three services on
/// loopback with the configuration the run's values ConfigMap gives them, as the charts would
/// deploy them (the local run's <see cref="DeployJobRunner"/>), and remembers where they are per
/// namespace for <see cref="KubeletStandIn"/>. A chart whose values name an image tag no registry has
/// (<see cref="KubeletStandIn.MissingImageMarker"/>) never gets ready: the stand-in leaves what helm's <c>--wait</c> leaves.
/// </summary>
public sealed class HelmStandIn(IKubernetes admin) : IAsyncDisposable
{
    private readonly DeployJobRunner _runner = new();

    public ProbeTargets? TargetsIn(string ns) => _runner.EnvironmentIn(ns)?.Targets;

    public Uri MapServiceUrl(Uri url) => _runner.MapServiceUrl(url);

    /// <summary>Installs the three releases of the deploy pod's namespace; the exit code and message as helm would leave them.</summary>
    public async Task<(int ExitCode, string Message)> InstallAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var values = await admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ValuesConfigMap, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        return Unpullable(values) is { } stuck
            ? await NeverReadyAsync(pod.Metadata.NamespaceProperty, stuck.Service, stuck.Image, cancellationToken)
            : await _runner.RunAsync(values, cancellationToken);
    }

    /// <summary>
    /// A TestRun whose backend image tag no registry has: its deploy fails as <see cref="NeverReadyAsync"/> says. The
    /// operator must allow <c>image.tag</c> (<see cref="AllowingImageTags"/>).
    /// </summary>
    public static string NeverReadyRun(string name) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          scenarios: [auth-service-independence]
          environment:
            charts:
              backend:
                values:
                  image: {tag: "{{KubeletStandIn.MissingImageMarker}}"}
        """;

    public static TenantPolicy AllowingImageTags(TenantPolicy policy) => policy with { ChartValues = [.. policy.ChartValues, "image.tag"] };

    /// <summary>What helm's output ends with when <c>--wait</c> gave up on a release.</summary>
    public const string WaitGaveUp = "Error: INSTALLATION FAILED: context deadline exceeded";

    private static (string Service, string Image)? Unpullable(V1ConfigMap values) =>
        new[] { "auth", "agent", "backend" }
            .Select(service => (service, Tag: (string?)JsonNode.Parse(values.Data[$"{service}.json"])?["image"]?["tag"]))
            .Where(chart => chart.Tag?.Contains(KubeletStandIn.MissingImageMarker, StringComparison.Ordinal) == true)
            .Select(chart => ((string, string)?)(chart.service, $"ghcr.io/netra/netra-{chart.service}:{chart.Tag}"))
            .FirstOrDefault();

    /// <summary>
    /// As after <c>helm upgrade --install --wait</c> timed out on a release whose image cannot be pulled: the service's
    /// pod left Pending (no kubelet here to say more), the kubelet's Warning Event about the pull, helm's error.
    /// </summary>
    private async Task<(int, string)> NeverReadyAsync(string ns, string service, string image, CancellationToken cancellationToken)
    {
        var restricted = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } };
        var pod = await admin.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { GenerateName = $"netra-{service}-", Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = $"netra-{service}" } },
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                Containers = [new V1Container { Name = service, Image = image, SecurityContext = restricted }],
            },
        }, ns, cancellationToken: cancellationToken);
        var now = DateTime.UtcNow;
        await admin.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{pod.Metadata.Name}.pull", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata.Name, NamespaceProperty = ns, Uid = pod.Metadata.Uid },
            Type = "Warning",
            Reason = "Failed",
            Message = $"Failed to pull image \"{image}\": not found",
            Count = 3,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = "kubelet" },
        }, ns, cancellationToken: cancellationToken);
        return (1, $"Release \"netra-{service}\" does not exist. Installing it now.\n{WaitGaveUp}\n");
    }

    /// <summary>Replaces the services of <paramref name="values"/>' namespace with ones configured by those values, as an upgrade would.</summary>
    public async Task UpgradeAsync(V1ConfigMap values, CancellationToken cancellationToken)
    {
        await _runner.RemoveAsync(values.Metadata.NamespaceProperty, keepFiles: false);
        await _runner.RunAsync(values, cancellationToken);
    }

    public ValueTask DisposeAsync() => _runner.DisposeAsync();
}
