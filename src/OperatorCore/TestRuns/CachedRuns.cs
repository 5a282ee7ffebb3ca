using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// What the operator keeps of a TestRun in its watch cache: only what its decisions read. Field managers and kubectl's
/// copy of the last applied object go (each as large as the spec again); a finished run that is not asked to run again
/// loses its charts' values, which only deploying reads. A tenant's large objects then cost the operator memory only
/// while they are decided, not for as long as they exist.
/// </summary>
public static class CachedRuns
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Trims <paramref name="run"/> in place: it comes fresh from a list or watch, before anyone else reads it.</summary>
    public static TestRun Keep(TestRun run)
    {
        run.Metadata.ManagedFields = null;
        run.Metadata.Annotations?.Remove(LastApplied);
        if (run.Status is { Phase: Phases.Succeeded or Phases.Failed } finished && !RunStatuses.RerunRequested(run, finished)
            && run.Spec?.Environment?.Charts is { } charts)
        {
            foreach (var chart in new[] { charts.Auth, charts.Agent, charts.Backend })
            {
                if (chart is not null)
                {
                    chart.Values = null;
                }
            }
        }

        return run;
    }
}
