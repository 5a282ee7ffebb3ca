using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Local;

/// <summary>
/// What a manifest asks for that a run on this machine does not do, each named in a warning so that nothing is
/// ignored silently; the local run clears the time-to-live fields, which it does not wait for.
/// </summary>
public static class LocalRunCaveats
{
    public static IReadOnlyList<string> Warnings(TestRun run)
    {
        var spec = run.Spec;
        var warnings = new List<string>();
        void Unless(bool honoured, string warning)
        {
            if (!honoured)
            {
                warnings.Add(warning);
            }
        }

        Unless(run.Metadata.NamespaceProperty is null, "metadata.namespace is ignored: there are no namespaces on this machine.");
        Unless(spec.Environment.CredentialsSecretRef is null,
            "spec.environment.credentialsSecretRef is ignored: "
            + "the probes take their credentials from this process's NETRA_PROBES_* variables.");
        Unless(spec.Environment.Charts is not { } charts
                || new[] { charts.Auth, charts.Agent, charts.Backend }.All(c => c?.Chart is null && c?.Version is null),
            "spec.environment.charts.*.chart and version are ignored: the services are this build's; their values' config is applied.");
        Unless(spec.Probe?.Image is null && spec.Probe?.Resources is null,
            "spec.probe is ignored: the probes run in this process.");
        Unless(spec.Cleanup?.TtlSecondsAfterFinished is null or 0,
            "spec.cleanup.ttlSecondsAfterFinished is ignored: the services stop when the run ends.");
        Unless(spec.TtlSecondsAfterFinished is null, "spec.ttlSecondsAfterFinished is ignored: there is no TestRun object to delete.");
        return warnings;
    }

    /// <summary>The manifest as the local run carries it out: no time to live to wait for.</summary>
    public static void ClearTimesToLive(TestRun run)
    {
        run.Spec.TtlSecondsAfterFinished = null;
        if (run.Spec.Cleanup is { } cleanup)
        {
            cleanup.TtlSecondsAfterFinished = null;
        }
    }
}
