using System.Text.Json;
using k8s;
using k8s.Models;
using Netra.Operator.Api.V1Alpha1;
using Netra.Operator.Runtime;

namespace Netra.Operator.Controller;

/// <summary>Reads a run and its children: the environment namespace and deploy Job by name, the probe Jobs and their pods by label.</summary>
public sealed class TestRunObserver(IKubernetes client)
{
    public async Task<TestRun?> ReadRunAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var item = await ApiErrors.ReadOrNullAsync(() => client.CustomObjects.GetNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, name, cancellationToken));
        return item is null ? null : KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
    }

    public async Task<TestRunObservation?> ObserveAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var run = await ReadRunAsync(ns, name, cancellationToken);
        if (run is null)
        {
            return null;
        }

        TestRunDefaults.Apply(run.Spec);
        var presence = ChildPresence.Absent;
        JobObservation? deployJob = null;
        if (run.Spec.Environment.Mode == EnvironmentModes.Ephemeral)
        {
            var environment = ChildNames.EnvironmentNamespace(run);
            var namespaceObject = await ApiErrors.ReadOrNullAsync(() => client.CoreV1.ReadNamespaceAsync(environment, cancellationToken: cancellationToken));
            presence = namespaceObject is null ? ChildPresence.Absent
                : namespaceObject.Metadata.DeletionTimestamp is not null ? ChildPresence.Terminating
                : ChildPresence.Present;
            if (presence == ChildPresence.Present)
            {
                var job = await ApiErrors.ReadOrNullAsync(() => client.BatchV1.ReadNamespacedJobAsync(ChildNames.DeployJob, environment, cancellationToken: cancellationToken));
                if (job is not null)
                {
                    var pods = await client.CoreV1.ListNamespacedPodAsync(environment, labelSelector: $"job-name={ChildNames.DeployJob}", cancellationToken: cancellationToken);
                    deployJob = Observe(job, pods.Items);
                }
            }
        }

        var selector = ChildNames.ProbeSelector(run);
        var probeJobs = await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        var probePods = probeJobs.Items.Count == 0 ? [] : (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items;
        return new TestRunObservation(run, presence, deployJob, probeJobs.Items.ToDictionary(j => j.Metadata.Name, j => Observe(j, probePods)));
    }

    private static JobObservation Observe(V1Job job, IEnumerable<V1Pod> pods)
    {
        var conditions = job.Status?.Conditions ?? [];
        var failed = conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var progress = failed is not null ? JobProgress.Failed
            : conditions.Any(c => c.Type == "Complete" && c.Status == "True") ? JobProgress.Succeeded
            : JobProgress.Running;
        var ownPods = pods.Where(p => p.Metadata.Labels is { } labels && labels.TryGetValue("job-name", out var owner) && owner == job.Metadata.Name);
        var terminated = ownPods
            .SelectMany(p => (p.Status?.InitContainerStatuses ?? []).Concat(p.Status?.ContainerStatuses ?? []))
            .Select(s => s.State?.Terminated)
            .Where(t => t?.Message is { Length: > 0 })
            .OrderByDescending(t => t!.ExitCode != 0)
            .FirstOrDefault();
        var reason = failed is null ? null : $"{failed.Reason}: {failed.Message}".Trim(' ', ':');
        return new JobObservation(job.Metadata.Name, progress, terminated?.Message, reason);
    }
}
