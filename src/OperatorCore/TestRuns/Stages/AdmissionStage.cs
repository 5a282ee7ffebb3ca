using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// A spec that cannot run ends at once, Failed with reason InvalidSpec and every problem named; one that asks for what
/// the installer does not allow ends NotAllowed, every refusal named. Nothing is created; editing the spec runs it again.
/// </summary>
public static class AdmissionStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        var (reason, problems) = observation.Problems.Count > 0
            ? (Reasons.InvalidSpec, observation.Problems)
            : (Reasons.NotAllowed, TenantPolicyCheck.Violations(observation.Spec, context.Settings));
        if (problems.Count == 0)
        {
            return null;
        }

        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        return new TestRunDecision([], RunStatuses.Failed(observation.Run, reason, RunMessages.Rejected(problems), environment, context.Now), null);
    }
}
