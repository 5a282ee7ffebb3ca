using System.Text.Json.Nodes;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// kstatus's generic rules for a custom resource, as Flux's health checks apply them (sigs.k8s.io/cli-utils,
/// pkg/kstatus/status: checkGenericProperties): Terminating while being deleted; InProgress while
/// <c>status.observedGeneration</c> differs from <c>metadata.generation</c> or <c>Reconciling</c> is True; Failed while
/// <c>Stalled</c> is True; otherwise Current.
/// </summary>
internal static class Kstatus
{
    public static string Compute(JsonNode resource)
    {
        if (resource["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var status = resource["status"];
        if (status?["observedGeneration"] is { } observed && (long)observed != (long?)resource["metadata"]?["generation"])
        {
            return "InProgress";
        }

        var conditions = status?["conditions"]?.AsArray() ?? [];
        bool IsTrue(string type) => conditions.Any(c => (string?)c?["type"] == type && (string?)c?["status"] == "True");
        return IsTrue("Reconciling") ? "InProgress" : IsTrue("Stalled") ? "Failed" : "Current";
    }
}
