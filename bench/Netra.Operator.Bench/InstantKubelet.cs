using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;

namespace Netra.Operator.Bench;

/// <summary>
/// Finishes every probe pod at once with a passing termination message, so that what is measured
/// is the operator and the API server, not the probes.
/// </summary>
internal sealed class InstantKubelet : IAsyncDisposable
{
    private static readonly string Message = TerminationMessage.Serialize(
        new TerminationMessage.Summary(
            new TerminationMessage.Counts(3, 3, 0, 0, 0),
            [new TerminationMessage.Scenario("auth-service-independence", 5, new TerminationMessage.Counts(3, 3, 0, 0, 0))],
            Array.Empty<TerminationMessage.FailedCase>(),
            false));

    private readonly IKubernetes _admin;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public InstantKubelet(IKubernetes admin)
    {
        _admin = admin;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var selector = $"{ChildNames.ComponentLabel}={ChildNames.ProbeComponent}";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pods = _admin.CoreV1.WatchListPodForAllNamespacesAsync(
                    labelSelector: selector, timeoutSeconds: 60, cancellationToken: cancellationToken);
                await foreach (var (type, pod) in pods)
                {
                    if (type == WatchEventType.Added && pod.Status?.Phase is "Pending" or null)
                    {
                        await FinishAsync(pod, cancellationToken);
                    }
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Watch broken: watch again.
            }
        }
    }

    private Task<V1Pod> FinishAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow.ToString("o");
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = "Succeeded",
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = pod.Spec.Containers[0].Name,
                    ["image"] = pod.Spec.Containers[0].Image,
                    ["imageID"] = string.Empty,
                    ["ready"] = false,
                    ["restartCount"] = 0,
                    ["state"] = new JsonObject
                    {
                        ["terminated"] = new JsonObject
                        {
                            ["exitCode"] = 0, ["reason"] = "Completed", ["message"] = Message, ["startedAt"] = now, ["finishedAt"] = now,
                        },
                    },
                }),
            },
        };
        return _admin.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch),
            pod.Metadata.Name,
            pod.Metadata.NamespaceProperty,
            cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
