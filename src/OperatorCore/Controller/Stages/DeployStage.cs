using Netra.Operator.Core.Controller.Manifests;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// Ephemeral runs: the namespace, its guards (<see cref="EnvironmentGuards"/>), the deployer's account and
/// binding, the values, then the deploy Job; the run is Deploying until that Job ends. A namespace that is being deleted while the run
/// still needs it ends the run: what was deployed there is going away.
/// </summary>
public static class DeployStage
{
    public sealed record Outcome(IReadOnlyList<ChildAction> Actions, bool Deployed, string? Failure);

    public static Outcome Decide(TestRunObservation observation, ControllerSettings settings, long deadlineSeconds)
    {
        var run = observation.Run;
        switch (observation.EnvironmentNamespace)
        {
            case ChildPresence.Terminating:
                var lost = $"Namespace {ChildNames.EnvironmentNamespace(run)} was deleted while the run needed it.";
                return new Outcome([], Deployed: false, Failure: lost);
            case ChildPresence.Foreign:
                var foreign = $"Namespace {ChildNames.EnvironmentNamespace(run)} exists and was not created for this run; "
                    + "the operator does not deploy into a namespace it did not create.";
                return new Outcome([], Deployed: false, Failure: foreign);
        }

        switch (observation.DeployJob?.Progress)
        {
            case JobProgress.Succeeded:
                return new Outcome([], Deployed: true, Failure: null);
            case JobProgress.Failed:
                var why = PodText.OneLine(
                    observation.DeployJob.TerminationMessage ?? observation.DeployJob.FailureReason ?? "no message", PodProblems.MaxChars);
                return new Outcome([], Deployed: false, Failure: $"The deploy Job {ChildNames.DeployJob} failed: {why}");
            case JobProgress.Running:
                var stuck = observation.DeployJob.Problem;
                return new Outcome([], Deployed: false, Failure: stuck is null ? null : $"The deploy cannot go on: {stuck}");
        }

        // Namespace first; what goes inside it waits for the next look once it exists.
        if (observation.EnvironmentNamespace == ChildPresence.Absent)
        {
            return new Outcome([new CreateChild(EnvironmentManifests.Namespace(run))], Deployed: false, Failure: null);
        }

        // The operator's own binding first (what follows is created under it), then the quota, limits and network
        // policies, so that nothing is deployed into a namespace without them.
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

        children.Add(new CreateChild(DeployJobManifest.Build(observation, settings, deadlineSeconds)));
        return new Outcome(children, Deployed: false, Failure: null);
    }
}
