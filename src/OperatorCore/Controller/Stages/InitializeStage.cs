using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// First look at a run: a spec that cannot run is Stalled with every problem named, and stays
/// Pending; an Ephemeral run gets the finalizer that will remove its namespace.
/// </summary>
public static class InitializeStage
{
    public static TestRunStatus? Invalid(TestRun run, DateTimeOffset now)
    {
        var problems = TestRunValidation.Validate(run.Spec);
        if (problems.Count == 0)
        {
            return null;
        }

        var generation = run.Metadata.Generation ?? 1;
        var previous = run.Status ?? new TestRunStatus();
        return previous with
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Conditions = RunConditions.InvalidSpec(string.Join(" ", problems), generation, now, previous.Conditions),
        };
    }

    public static bool NeedsFinalizer(TestRun run) =>
        run.Spec.Environment.Mode == EnvironmentModes.Ephemeral && !(run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer);
}
