using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// First look at a run: a spec that cannot run is Stalled with every problem named, and stays
/// Pending; an Ephemeral run gets the finalizer that will remove its namespace.
/// </summary>
public static class InitializeStage
{
    public static TestRunStatus? Invalid(TestRunObservation observation, DateTimeOffset now)
    {
        if (observation.Problems.Count == 0)
        {
            return null;
        }

        var run = observation.Run;
        var generation = run.Metadata.Generation ?? 1;
        var previous = run.Status ?? new TestRunStatus();
        return previous with
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Conditions = RunConditions.InvalidSpec(string.Join(" ", observation.Problems), generation, now, previous.Conditions),
        };
    }

    public static bool NeedsFinalizer(TestRunObservation observation) =>
        observation.Spec.Ephemeral && !(observation.Run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer);
}
