using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// Ephemeral runs: the namespace, its guards (<see cref="EnvironmentGuards"/>), the deployer's account and binding, the
/// values, then the deploy Job; the run is Deploying until that Job ends, and goes on to probing once it succeeded. A
/// namespace that is being deleted while the run still needs it ends the run: what was deployed there is going away.
/// A deploy Job that failed or got stuck leaves its <see cref="DeployEvidence"/> in the run's results ConfigMap, and the
/// run's message says where.
/// </summary>
public static class DeployStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        if (!observation.Spec.Ephemeral
            || (observation.DeployJob?.Progress == JobProgress.Succeeded && observation.EnvironmentNamespace == ChildPresence.Present))
        {
            return null;
        }

        var run = observation.Run;
        var ns = ChildNames.EnvironmentNamespace(run);
        if (Failure(observation, ns) is { } failure)
        {
            var failed = new EnvironmentStatus { Namespace = ns, DeployState = DeployStates.Failed };
            if (DeployEvidence.Of(observation) is not { } evidence)
            {
                return TestRunDecision.Ended(RunStatuses.Failed(run, Reasons.DeployFailed, failure, failed, context.Now));
            }

            var ended = RunStatuses.Failed(run, Reasons.DeployFailed, RunMessages.WithEvidence(failure, run), failed, context.Now);
            return ResultsStage.EndedWithDeployEvidence(ended, run, evidence);
        }

        var deploying = new EnvironmentStatus { Namespace = ns, DeployState = DeployStates.Deploying };
        var status = RunStatuses.InProgress(run, Phases.Deploying, RunMessages.Deploying(ns), deploying, context.Now);
        var actions = observation.DeployJob is null ? Children(observation, context) : [];
        return TestRunDecision.InProgress(actions, status, context, context.Remaining(observation));
    }

    private static string? Failure(TestRunObservation observation, string ns) => observation.EnvironmentNamespace switch
    {
        ChildPresence.Terminating => RunMessages.NamespaceLost(ns),
        ChildPresence.Foreign => RunMessages.NamespaceForeign(ns),
        _ => observation.DeployJob switch
        {
            { Progress: JobProgress.Failed } failed => RunMessages.DeployJobFailed(
                ChildNames.DeployJob, PodText.OneLine(failed.TerminationMessage ?? failed.FailureReason ?? "no message", PodProblems.MaxChars)),
            { Progress: JobProgress.Running, Problem: { } stuck } => RunMessages.DeployStuck(stuck),
            _ => null,
        },
    };

    private static List<ChildAction> Children(TestRunObservation observation, DecisionContext context)
    {
        var run = observation.Run;
        var settings = context.Settings;
        // Namespace first; what goes inside it waits for the next look once it exists.
        if (observation.EnvironmentNamespace == ChildPresence.Absent)
        {
            return [new CreateChild(EnvironmentManifests.Namespace(run))];
        }

        // The operator's own binding first (what follows is created under it), then the quota, limits and network
        // policies, so that nothing is deployed into a namespace without them.
        var deadline = Math.Min(context.DeadlineSeconds(observation), (long)settings.DeployTimeout.TotalSeconds);
        List<ChildAction> children =
        [
            new CreateChild(EnvironmentGuards.Binding(run, settings)),
            .. EnvironmentGuards.All(run, settings).Select(guard => new CreateChild(guard)),
            .. settings.ImagePullSecrets.Select(name => new CopySecret(settings.OperatorAccount.Namespace, name, ChildNames.EnvironmentNamespace(run))),
            new CreateChild(EnvironmentManifests.DeployerAccount(run)),
            new CreateChild(EnvironmentManifests.DeployerBinding(run, settings)),
            new CreateChild(EnvironmentManifests.Values(observation, settings)),
        ];
        if (EnvironmentManifests.Charts(observation, settings) is { } charts)
        {
            children.Add(new CreateChild(charts));
        }

        children.Add(new CreateChild(DeployJobManifest.Build(observation, settings, deadline)));
        return children;
    }
}
