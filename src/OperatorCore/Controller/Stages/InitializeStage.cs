using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// First look at a run: a spec that cannot run ends at once, Failed with reason InvalidSpec and every problem
/// named (editing the spec runs it again); an Ephemeral run gets the finalizer that will remove its namespace.
/// </summary>
public static class InitializeStage
{
    public static TestRunStatus? Invalid(TestRunObservation observation, DateTimeOffset now)
    {
        if (observation.Problems.Count == 0)
        {
            return null;
        }

        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        return FinishStage.Failed(observation.Run, Reasons.InvalidSpec, string.Join(" ", observation.Problems), environment, now);
    }

    /// <summary>A spec that asks for what the installer does not allow ends at once, Failed with reason NotAllowed.</summary>
    public static TestRunStatus? NotAllowed(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var violations = TenantPolicyCheck.Violations(observation.Spec, settings);
        if (violations.Count == 0)
        {
            return null;
        }

        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        return FinishStage.Failed(observation.Run, Reasons.NotAllowed, string.Join(" ", violations), environment, now);
    }

    public static bool NeedsFinalizer(TestRunObservation observation) =>
        observation.Spec.Ephemeral && !(observation.Run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer);
}
