using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller.Manifests;
using Netra.Operator.Core.Controller.Stages;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller;

/// <summary>
/// The pure heart of the controller: from what was observed and the time, the next status, the
/// children to create or remove and when to look again. Phases go Pending → Deploying (Ephemeral
/// only) → Probing → Succeeded or Failed, and from a finished run to the next run when it is asked to run
/// again; nothing here talks to the API server. The operator in a cluster and the local run both drive it.
/// </summary>
public static class TestRunDecider
{
    public static TestRunDecision Decide(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var run = observation.Run;
        if (run.Metadata.DeletionTimestamp is not null)
        {
            return CleanupStage.OnDeletion(observation);
        }

        if (run.Status is { Phase: Phases.Succeeded or Phases.Failed } finished)
        {
            return RerunStage.Requested(run, finished) ? RerunStage.Decide(observation, finished, now)
                : ExpiryStage.Decide(observation, finished, CleanupStage.AfterCompletion(observation, finished, settings, now), now);
        }

        if ((InitializeStage.Invalid(observation, now) ?? InitializeStage.NotAllowed(observation, settings, now)) is { } rejected)
        {
            return new TestRunDecision([], rejected, null);
        }

        if (QueueStage.Waiting(observation, settings, now) is { } queued)
        {
            return new TestRunDecision([], queued, settings.PollInterval);
        }

        List<ChildAction> actions = InitializeStage.NeedsFinalizer(observation) ? [new AddFinalizer()] : [];
        var decision = Progress(observation, settings, now);
        return decision with { Actions = [.. actions, .. decision.Actions] };
    }

    private static TestRunDecision Progress(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var run = observation.Run;
        var spec = observation.Spec;
        var ns = spec.Ephemeral ? ChildNames.EnvironmentNamespace(run) : null;
        var remaining = (run.Status?.StartTime ?? now) + spec.TimeoutSpan - now;
        var deadlineSeconds = (long)Math.Ceiling(remaining.TotalSeconds);
        if (spec.Ephemeral && remaining > TimeSpan.Zero)
        {
            var deployDeadline = Math.Min(deadlineSeconds, (long)settings.DeployTimeout.TotalSeconds);
            var deploy = DeployStage.Decide(observation, settings, deployDeadline);
            if (deploy.Failure is not null)
            {
                var failed = new EnvironmentStatus { Namespace = ns, DeployState = DeployStates.Failed };
                return Ended(FinishStage.Failed(run, Reasons.DeployFailed, deploy.Failure, failed, now));
            }

            if (!deploy.Deployed)
            {
                var deploying = new EnvironmentStatus { Namespace = ns, DeployState = DeployStates.Deploying };
                var message = $"Deploying auth, agent and backend into namespace {ns}.";
                var status = RunStatuses.InProgress(run, Phases.Deploying, message, now, deploying);
                return InProgress(deploy.Actions, status, settings, remaining);
            }
        }

        var environment = spec.Ephemeral
            ? new EnvironmentStatus { Namespace = ns, DeployState = DeployStates.Deployed }
            : new EnvironmentStatus { DeployState = DeployStates.External };
        var probe = ProbeStage.Decide(observation, settings, Targets(observation), deadlineSeconds);
        if (remaining <= TimeSpan.Zero)
        {
            var timedOut = environment with { DeployState = spec.Ephemeral ? run.Status?.Environment?.DeployState : DeployStates.External };
            var message = $"The run did not finish within its timeout of {spec.Timeout}.";
            return EndedWithResults(observation, FinishStage.Failed(run, Reasons.TimedOut, message, timedOut, now, probe.Outcomes), now);
        }

        if (probe.PreflightFailure is { } preflight)
        {
            var failed = FinishStage.Failed(run, Reasons.PreflightFailed, preflight, environment, now, probe.Outcomes);
            return EndedWithResults(observation, failed, now);
        }

        if (probe.Finished)
        {
            return EndedWithResults(observation, FinishStage.Completed(run, probe.Outcomes, environment, now), now);
        }

        var probing = RunStatuses.InProgress(run, Phases.Probing, probe.Progress, now, environment);
        return InProgress(probe.Actions, probing, settings, remaining);
    }

    /// <summary>
    /// A run stopped from outside before it finished (Ctrl-C of the local run): Failed with reason Cancelled, the
    /// scenarios that finished kept, the others listed as not run.
    /// </summary>
    public static TestRunStatus Cancelled(TestRunObservation observation, string why, DateTimeOffset now)
    {
        var run = observation.Run;
        var outcomes = ProbeStage.States(observation).Select(s => s.Last ?? ScenarioOutcome.NotRun(s.Name, 0)).ToList();
        var environment = run.Status?.Environment ?? new EnvironmentStatus();
        return FinishStage.Failed(run, Reasons.Cancelled, $"The run was cancelled: {why}.", environment, now, outcomes);
    }

    private static ServiceUrls Targets(TestRunObservation observation) =>
        observation.Spec is { Ephemeral: false, Endpoints: { AuthUrl: { } auth, BackendUrl: { } backend, AgentUrl: { } agent } }
            ? new ServiceUrls(auth, backend, agent)
            : ServiceUrls.InNamespace(ChildNames.EnvironmentNamespace(observation.Run));

    /// <summary>Finished after probing: its full results kept beside it (<see cref="ResultsStage"/>).</summary>
    private static TestRunDecision EndedWithResults(TestRunObservation observation, TestRunStatus status, DateTimeOffset now) =>
        ResultsStage.Results(observation, status.StartTime ?? now, now) is { } results
            ? Ended(status) with { Actions = [results] }
            : Ended(status);

    /// <summary>Finished: look again at once, for the cleanup that follows completion.</summary>
    private static TestRunDecision Ended(TestRunStatus status) => new([], status, TimeSpan.Zero);

    private static TestRunDecision InProgress(
        IReadOnlyList<ChildAction> actions, TestRunStatus status, ControllerSettings settings, TimeSpan remaining) =>
        new(actions, status, remaining < settings.PollInterval ? remaining : settings.PollInterval);
}
