using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// What an uninstall finds: a schedule that starts a run every two seconds, and an Ephemeral run whose namespace stays
/// after it finishes (<c>cleanup: Never</c>), so that only its finalizer removes it.
/// </summary>
internal static class UninstallScene
{
    public const string Schedule = "nightly";
    public const string Run = "kept";

    /// <returns>The namespace of the schedule and the run, and the namespace the operator made for the run.</returns>
    public static async Task<(string Namespace, string Environment)> CreateAsync(OperatorTestBed bed, string prefix)
    {
        var ns = await bed.CreateNamespaceAsync(prefix);
        var run = await bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: {{Run}}}
            spec:
              scenarios: [auth-service-independence]
              cleanup: {policy: Never}
            """);
        await bed.CreateFailingScheduleAsync(ns, Schedule, "*/2 * * * * *", ConcurrencyPolicies.Forbid);
        var environment = $"netra-run-{run.Metadata.Uid[..8]}";
        await Eventually.WaitUntilAsync(
            async () => await bed.NamespaceExistsAsync(environment)
                && (await bed.ReadRunAsync(ns, Run))?.Metadata.Finalizers?.Contains(ChildNames.Finalizer) == true,
            "the Ephemeral run's namespace and finalizer", OperatorTestBed.Deadline);
        return (ns, environment);
    }

    /// <summary>Whether the run's namespace is gone, or going (the control plane finishes deleting it on its own).</summary>
    public static async Task<bool> EnvironmentDeletedAsync(OperatorTestBed bed, string environment)
    {
        var left = (await bed.Admin.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={environment}")).Items.SingleOrDefault();
        return left is null || left.Metadata.DeletionTimestamp is not null;
    }
}
