using System.Text.Json;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Where an object of a readiness trigger stands, read the kstatus way: ready when its <c>Ready</c> condition is True (Flux)
/// or its <c>status.health.status</c> is Healthy (Argo CD), for the generation its controller last observed. Its revision
/// is what its controller applied: <c>status.lastAppliedRevision</c> (Flux), <c>status.sync.revision</c> (Argo CD), or
/// else its generation.
/// </summary>
public static class ReadinessProgress
{
    public static ObservedWorkload Of(JsonElement item, string kind)
    {
        var metadata = item.GetProperty("metadata");
        var status = item.TryGetProperty("status", out var found) ? found : default;
        var generation = Number(metadata, "generation");
        var observed = Number(status, "observedGeneration");
        var caughtUp = observed is null || generation is null || observed >= generation;
        var ready = ConditionTrue(status, "Ready") || Text(status, "health", "status") == "Healthy";
        var revision = Text(status, "lastAppliedRevision") ?? Text(status, "sync", "revision") ?? $"generation-{generation ?? 0}";
        var labels = metadata.TryGetProperty("labels", out var given)
            ? given.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty)
            : null;
        var created = metadata.TryGetProperty("creationTimestamp", out var at) && at.TryGetDateTimeOffset(out var time)
            ? time
            : (DateTimeOffset?)null;
        var current = new WorkloadRevision
        {
            Kind = kind,
            Namespace = metadata.GetProperty("namespace").GetString()!,
            Name = metadata.GetProperty("name").GetString()!,
            Revision = revision,
        };
        return new ObservedWorkload(current, ready && caughtUp, created, labels);
    }

    private static bool ConditionTrue(JsonElement status, string type) =>
        status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("conditions", out var conditions)
        && conditions.ValueKind == JsonValueKind.Array
        && conditions.EnumerateArray().Any(c => Text(c, "type") == type && Text(c, "status") == "True");

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number)
            ? number
            : null;
}
