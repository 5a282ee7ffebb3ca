using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// What the operator keeps of a TestRun in its watch cache: only what its decisions read. Field managers and kubectl's
/// copy of the last applied object go (each as large as the spec again); a finished run that is not asked to run again
/// loses its charts' values, which only deploying reads. A tenant's large objects then cost the operator memory only
/// while they are decided, not for as long as they exist; values over the bound (which refuse the run) are not even
/// read (<see cref="BoundedChartSpecConverter"/>). A schedule, which never deploys its runs, keeps none of their values.
/// </summary>
public static class CachedRuns
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Trims <paramref name="run"/> in place: it comes fresh from a list, a watch or a read, before anyone else reads it.</summary>
    public static TestRun Keep(TestRun run)
    {
        run.Metadata.ManagedFields = null;
        run.Metadata.Annotations?.Remove(LastApplied);
        if (run.Status is { Phase: Phases.Succeeded or Phases.Failed } finished && !RunStatuses.RerunRequested(run, finished))
        {
            DropValues(run);
        }

        return run;
    }

    /// <summary>What a schedule keeps of the runs it owns: their metadata and status, none of their values.</summary>
    public static TestRun KeepForSchedule(TestRun run)
    {
        run.Metadata.ManagedFields = null;
        run.Metadata.Annotations?.Remove(LastApplied);
        DropValues(run);
        return run;
    }

    /// <summary>
    /// What the results UI keeps of a run: its metadata and status, and of its spec only what a page shows (no values,
    /// no probe settings, no credentials' Secret name).
    /// </summary>
    public static TestRun KeepForUi(TestRun run)
    {
        run.Metadata.ManagedFields = null;
        run.Metadata.Annotations?.Remove(LastApplied);
        var spec = run.Spec;
        run.Spec = new TestRunSpec
        {
            Environment = new EnvironmentSpec { Mode = spec.Environment.Mode, Endpoints = spec.Environment.Endpoints },
            Scenarios = spec.Scenarios,
            Retries = spec.Retries,
            Timeout = spec.Timeout,
            Profile = spec.Profile,
            Revision = spec.Revision,
            Quarantine = spec.Quarantine,
        };
        return run;
    }

    /// <summary>What the operator keeps of a TestRunSchedule: what its decisions read (its template, whole).</summary>
    public static TestRunSchedule KeepSchedule(TestRunSchedule schedule)
    {
        schedule.Metadata.ManagedFields = null;
        schedule.Metadata.Annotations?.Remove(LastApplied);
        return schedule;
    }

    private static IEnumerable<ChartSpec> Charts(TestRunSpec? spec) =>
        spec?.Environment?.Charts is { } charts ? new[] { charts.Auth, charts.Agent, charts.Backend }.OfType<ChartSpec>() : [];

    private static void DropValues(TestRun run)
    {
        foreach (var chart in Charts(run.Spec))
        {
            chart.Values = null;
        }
    }
}
