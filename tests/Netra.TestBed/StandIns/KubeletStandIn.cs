using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Local;
using Netra.Probes.Contract;
using Spectre.Console;

namespace Netra.TestBed;

/// <summary>
/// Stands in for the kubelet, which the test control plane lacks: watches the operator's pods and
/// runs each one. A probe pod runs its container's command in process as the local run does
/// (<see cref="ProbeJobRunner"/>) against services on loopback, its in-cluster service
/// addresses mapped to where <see cref="HelmStandIn"/> started them; a deploy pod is handed to
/// <see cref="HelmStandIn"/>. Then it writes the pod's status (phase, terminated containers with
/// exit code and message), and the job controller completes the Job.
/// </summary>
public sealed class KubeletStandIn : IAsyncDisposable
{
    private readonly IKubernetes _admin;
    private readonly HelmStandIn _helm;
    private readonly ConcurrentDictionary<string, Task> _running = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public KubeletStandIn(IKubernetes admin, HelmStandIn helm)
    {
        _admin = admin;
        _helm = helm;
        _loop = Task.Run(() => SyncAsync(_stop.Token));
    }

    /// <summary>Pods run so far.</summary>
    public int PodsRun => _running.Count;

    /// <summary>While paused, new pods stay Pending, as on a node that does not start them.</summary>
    public bool Paused { get; private set; }

    public void Pause() => Paused = true;

    /// <summary>Runs the pods left Pending while paused, and those to come.</summary>
    public async Task ResumeAsync()
    {
        Paused = false;
        var pods = await _admin.CoreV1.ListPodForAllNamespacesAsync(labelSelector: $"{ChildNames.ManagedByLabel}={ChildNames.ManagedBy}");
        foreach (var pod in pods.Items)
        {
            Start(pod);
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var selector = $"{ChildNames.ManagedByLabel}={ChildNames.ManagedBy}";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pods = await _admin.CoreV1.ListPodForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken);
                foreach (var pod in pods.Items)
                {
                    Start(pod);
                }

                await foreach (var (type, pod) in _admin.CoreV1.WatchListPodForAllNamespacesAsync(
                    labelSelector: selector, resourceVersion: pods.Metadata.ResourceVersion, timeoutSeconds: 30, cancellationToken: cancellationToken))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        Start(pod);
                    }
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A watch that broke is listed again, as the kubelet would.
            }
        }
    }

    private void Start(V1Pod pod)
    {
        if (pod.Status?.Phase is "Pending" or null && pod.Metadata.DeletionTimestamp is null && !Paused)
        {
            _running.GetOrAdd(pod.Metadata.Uid, _ => Task.Run(() => RunPodAsync(pod, _stop.Token)));
        }
    }

    private static bool IsProbe(V1Pod pod) => pod.Metadata.Labels?[ChildNames.ComponentLabel] == ChildNames.ProbeComponent;

    /// <summary>The image no registry has, by name: a container whose image contains this never starts.</summary>
    public const string MissingImageMarker = "does-not-exist";

    /// <summary>A pod whose image contains this is one no node can take, as a scheduler says of a pod whose claim nothing binds.</summary>
    public const string UnschedulableMarker = "unschedulable";

    /// <summary>A probe pod whose image contains this fails one case on its scenario's first attempt and probes as usual after.</summary>
    public const string FailsFirstAttemptMarker = "fails-first-attempt";

    public const string UnboundClaimMessage = "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.";

    private async Task RunPodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Spec.Containers.Any(c => c.Image.Contains(UnschedulableMarker, StringComparison.Ordinal)))
        {
            var unschedulable = new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["reason"] = "Unschedulable",
                ["message"] = UnboundClaimMessage,
                ["lastTransitionTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            var scheduling = new JsonObject { ["status"] = new JsonObject { ["phase"] = "Pending", ["conditions"] = new JsonArray(unschedulable) } };
            await _admin.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(scheduling.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
            return;
        }

        if ((pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).FirstOrDefault(c => c.Image.Contains(MissingImageMarker, StringComparison.Ordinal)) is { } missing)
        {
            await WriteWaitingAsync(pod, missing, "ImagePullBackOff", $"Back-off pulling image \"{missing.Image}\"", cancellationToken);
            return;
        }

        if (await ConfigurationProblemAsync(pod, cancellationToken) is { } problem)
        {
            await WriteWaitingAsync(pod, pod.Spec.Containers[0], "CreateContainerConfigError", problem, cancellationToken);
            return;
        }

        var started = DateTime.UtcNow;
        (int ExitCode, string Message) result;
        try
        {
            result = !IsProbe(pod) ? await _helm.InstallAsync(pod, cancellationToken)
                : FailsThisAttempt(pod) ? (1, FirstAttemptFailure(pod))
                : await RunProbesAsync(pod, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            result = (1, error.Message);
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            await WriteStatusAsync(pod, started, result.ExitCode, result.Message, cancellationToken);
        }
    }

    private static bool FailsThisAttempt(V1Pod pod) =>
        pod.Spec.Containers.Single().Image.Contains(FailsFirstAttemptMarker, StringComparison.Ordinal)
        && pod.Metadata.Labels?[ChildNames.AttemptLabel] == "1";

    /// <summary>The termination message of probes that failed one case of the pod's scenario.</summary>
    private static string FirstAttemptFailure(V1Pod pod)
    {
        var scenario = pod.Metadata.Labels[ChildNames.ScenarioLabel];
        var counts = new TerminationMessage.Counts(1, 0, 1, 0, 0);
        var failure = new TerminationMessage.FailedCase($"{scenario}/first-attempt", CaseOutcome.Failed, "failed on the first attempt");
        return TerminationMessage.Serialize(new TerminationMessage.Summary(counts, [new(scenario, 1, counts)], [failure], false));
    }

    private async Task<(int, string)> RunProbesAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var container = pod.Spec.Containers.Single();
        var environment = await EnvironmentAsync(pod.Metadata.NamespaceProperty, container, cancellationToken);
        return await ProbeJobRunner.RunAsync(container, _helm.MapServiceUrl, console, cancellationToken, environment: environment);
    }

    /// <summary>The container's environment as a kubelet gives it: plain values, and keys of Secrets (an optional key that is absent is left out).</summary>
    private async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(string ns, V1Container container, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } reference)
            {
                var secrets = await _admin.CoreV1.ListNamespacedSecretAsync(
                    ns, fieldSelector: $"metadata.name={reference.Name}", cancellationToken: cancellationToken);
                if (secrets.Items.FirstOrDefault()?.Data?.TryGetValue(reference.Key, out var bytes) == true)
                {
                    environment[variable.Name] = System.Text.Encoding.UTF8.GetString(bytes);
                }
            }
            else if (variable.Value is not null)
            {
                environment[variable.Name] = variable.Value;
            }
        }

        return environment;
    }

    /// <summary>
    /// Why a container cannot be configured, as the kubelet says it: a Secret it takes its environment from (not
    /// optionally) that does not exist, or a key of it that is not there.
    /// </summary>
    private async Task<string?> ConfigurationProblemAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var wanted = pod.Spec.Containers
            .SelectMany(c => (c.EnvFrom ?? []).Where(e => e.SecretRef is { Optional: not true }).Select(e => (e.SecretRef.Name, Key: (string?)null))
                .Concat((c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>()
                    .Where(r => r.Optional is not true).Select(r => (r.Name, Key: (string?)r.Key))));
        foreach (var (name, key) in wanted)
        {
            var secrets = await _admin.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken);
            if (secrets.Items.Count == 0)
            {
                return $"secret \"{name}\" not found";
            }

            if (key is not null && secrets.Items[0].Data?.ContainsKey(key) != true)
            {
                return $"couldn't find key {key} in Secret {ns}/{name}";
            }
        }

        return null;
    }

    /// <summary>As a kubelet reports a container it cannot start (an image it cannot pull, a missing Secret): the pod Pending, the container waiting.</summary>
    private async Task WriteWaitingAsync(V1Pod pod, V1Container container, string reason, string message, CancellationToken cancellationToken)
    {
        var waiting = new JsonObject
        {
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["imageID"] = string.Empty,
            ["ready"] = false,
            ["restartCount"] = 0,
            ["state"] = new JsonObject
            {
                ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message },
            },
        };
        var key = pod.Spec.InitContainers?.Contains(container) == true ? "initContainerStatuses" : "containerStatuses";
        var patch = new JsonObject { ["status"] = new JsonObject { ["phase"] = "Pending", [key] = new JsonArray(waiting) } };
        await _admin.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }

    private async Task WriteStatusAsync(V1Pod pod, DateTime started, int exitCode, string message, CancellationToken cancellationToken)
    {
        var finished = DateTime.UtcNow;
        JsonObject Terminated(V1Container container, int code, string text) => new()
        {
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["imageID"] = string.Empty,
            ["ready"] = false,
            ["restartCount"] = 0,
            ["state"] = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = code,
                    ["reason"] = code == 0 ? "Completed" : "Error",
                    ["message"] = text,
                    ["startedAt"] = started.ToString("o"),
                    ["finishedAt"] = finished.ToString("o"),
                },
            },
        };
        var status = new JsonObject
        {
            ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
            ["startTime"] = started.ToString("o"),
            ["containerStatuses"] = new JsonArray([.. pod.Spec.Containers.Select(c => (JsonNode)Terminated(c, exitCode, message))]),
        };
        if (pod.Spec.InitContainers is { Count: > 0 } init)
        {
            status["initContainerStatuses"] = new JsonArray([.. init.Select(c => (JsonNode)Terminated(c, 0, string.Empty))]);
        }

        var patch = new JsonObject { ["status"] = status };
        await _admin.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running.Values.Append(_loop).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }
}
