using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller.Manifests;
using Netra.Operator.Core.Controller.Stages;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller;

/// <summary>
/// The pure heart of the controller: from what was observed and the time, the next status, the
/// children to create or remove and when to look again. Phases go Pending → Deploying (Ephemeral
/// only) → Probing → Succeeded or Failed; nothing here talks to the API server.
/// </summary>
public static class TestRunDecider
{
    public static TestRunDecision Decide(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var run = observation.Run;
        TestRunDefaults.Apply(run.Spec);
        if (run.Metadata.DeletionTimestamp is not null)
        {
            return CleanupStage.OnDeletion(observation);
        }

        if (InitializeStage.Invalid(run, now) is { } stalled)
        {
            return new TestRunDecision([], stalled, null);
        }

        if (run.Status?.Phase is Phases.Succeeded or Phases.Failed)
        {
            return CleanupStage.AfterCompletion(observation, now);
        }

        List<ChildAction> actions = InitializeStage.NeedsFinalizer(run) ? [new AddFinalizer()] : [];
        var decision = Progress(observation, settings, now);
        return decision with { Actions = [.. actions, .. decision.Actions] };
    }

    private static TestRunDecision Progress(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var run = observation.Run;
        var ephemeral = run.Spec.Environment.Mode == EnvironmentModes.Ephemeral;
        var ns = ephemeral ? ChildNames.EnvironmentNamespace(run) : null;
        var started = run.Status?.StartTime ?? now;
        var timeout = GoDuration.Parse(run.Spec.Timeout);
        var remaining = started + timeout - now;
        if (remaining <= TimeSpan.Zero)
        {
            var state = ephemeral ? run.Status?.Environment?.DeployState : "External";
            return Ended(FinishStage.Failed(run, Reasons.TimedOut, $"The run did not finish within its timeout of {run.Spec.Timeout}.", new EnvironmentStatus { Namespace = ns, DeployState = state }, now));
        }

        var deadlineSeconds = (long)Math.Ceiling(remaining.TotalSeconds);
        if (ephemeral)
        {
            var deploy = DeployStage.Decide(observation, settings, deadlineSeconds);
            if (deploy.Failure is not null)
            {
                return Ended(FinishStage.Failed(run, Reasons.DeployFailed, deploy.Failure, new EnvironmentStatus { Namespace = ns, DeployState = DeployStage.FailedState }, now));
            }

            if (!deploy.Deployed)
            {
                var deploying = new EnvironmentStatus { Namespace = ns, DeployState = DeployStage.DeployState };
                return InProgress(deploy.Actions, RunStatuses.InProgress(run, Phases.Deploying, $"Deploying auth, agent and backend into namespace {ns}.", now, deploying), settings, remaining);
            }
        }

        var environment = ephemeral
            ? new EnvironmentStatus { Namespace = ns, DeployState = DeployStage.DeployedState }
            : new EnvironmentStatus { DeployState = "External" };
        var urls = ephemeral
            ? ServiceUrls.InNamespace(ns!)
            : new ServiceUrls(run.Spec.Environment.Endpoints!.AuthUrl!, run.Spec.Environment.Endpoints.BackendUrl!, run.Spec.Environment.Endpoints.AgentUrl!);
        var probe = ProbeStage.Decide(observation, settings, urls, deadlineSeconds);
        return probe.Finished is { } outcomes
            ? Ended(FinishStage.Completed(run, outcomes, environment, now))
            : InProgress(probe.Actions, RunStatuses.InProgress(run, Phases.Probing, probe.Progress, now, environment), settings, remaining);
    }

    /// <summary>Finished: look again at once, for the cleanup that follows completion.</summary>
    private static TestRunDecision Ended(TestRunStatus status) => new([], status, TimeSpan.Zero);

    private static TestRunDecision InProgress(IReadOnlyList<ChildAction> actions, TestRunStatus status, ControllerSettings settings, TimeSpan remaining) =>
        new(actions, status, remaining < settings.PollInterval ? remaining : settings.PollInterval);
}
