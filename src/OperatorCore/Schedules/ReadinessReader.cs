using System.Text.Json;
using k8s;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Reads the objects of a schedule's readiness triggers, by kind and namespace, from the API server. They are of kinds
/// the operator knows nothing of and may not be allowed to list: one that cannot be read is logged and left out, so
/// that the schedule's other triggers go on.
/// </summary>
public sealed class ReadinessReader(IKubernetes client, ILogger logger)
{
    public async Task<IReadOnlyList<ObservedWorkload>> ReadAsync(
        TestRunSchedule schedule, Func<string, bool> mayWatch, CancellationToken cancellationToken)
    {
        var found = new List<ObservedWorkload>();
        foreach (var trigger in (schedule.Spec.Triggers?.Readiness ?? []).Select(ResolvedReadiness.Resolve).Where(t => t.Kind.Length > 0))
        {
            var namespaces = trigger.Namespaces.Count > 0 ? trigger.Namespaces : [schedule.Metadata.NamespaceProperty];
            foreach (var ns in namespaces.Distinct().Where(mayWatch))
            {
                try
                {
                    var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(
                        trigger.Group, trigger.Version, ns, trigger.Plural, cancellationToken: cancellationToken);
                    found.AddRange(list.GetProperty("items").EnumerateArray().Select(item => ReadinessProgress.Of(item, trigger.Kind)));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(
                        "TestRunSchedule {Namespace}/{Name}: cannot list {Resource}.{Group} in {In}: {Error}",
                        schedule.Metadata.NamespaceProperty,
                        schedule.Metadata.Name,
                        trigger.Plural,
                        trigger.Group,
                        ns,
                        ApiErrors.Describe(error));
                }
            }
        }

        return found;
    }
}
