using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// Removal of an Ephemeral run's namespace per <c>spec.cleanup</c> after completion, once
/// <c>ttlSecondsAfterFinished</c> has passed, and whatever the policy when the run is deleted.
/// <c>OnSuccess</c> keeps the namespace of a run that did not succeed, for a look at what went wrong.
/// The deploy state says Removing while the namespace terminates and Removed once it is gone.
/// </summary>
public static class CleanupStage
{
    /// <summary>How soon a terminating namespace is looked at again: namespaces are not watched.</summary>
    public static readonly TimeSpan TerminatingPollInterval = TimeSpan.FromSeconds(2);

    public static bool PolicyRemoves(string policy, string? phase) => policy switch
    {
        CleanupPolicies.Always => true,
        CleanupPolicies.OnSuccess => phase == Phases.Succeeded,
        _ => false,
    };

    /// <summary>After completion: delete when due, or come back when it will be.</summary>
    public static TestRunDecision AfterCompletion(TestRunObservation observation, TestRunStatus status, DateTimeOffset now)
    {
        var spec = observation.Spec;
        if (!spec.Ephemeral || !PolicyRemoves(spec.CleanupPolicy, status.Phase))
        {
            return TestRunDecision.Nothing;
        }

        switch (observation.EnvironmentNamespace)
        {
            case ChildPresence.Absent:
                return new TestRunDecision([], WithDeployState(status, DeployStates.Removed), null);
            case ChildPresence.Terminating:
                return new TestRunDecision([], WithDeployState(status, DeployStates.Removing), TerminatingPollInterval);
        }

        var due = (status.CompletionTime ?? now) + TimeSpan.FromSeconds(spec.CleanupTtlSeconds);
        return now >= due
            ? new TestRunDecision(
                [new DeleteNamespace(ChildNames.EnvironmentNamespace(observation.Run))],
                WithDeployState(status, DeployStates.Removing),
                TerminatingPollInterval)
            : new TestRunDecision([], null, due - now);
    }

    /// <summary>
    /// The run is being deleted: its namespace goes whatever the policy (a policy keeps it for a look while the
    /// run is there, not after it), then the run is let go.
    /// </summary>
    public static TestRunDecision OnDeletion(TestRunObservation observation)
    {
        var run = observation.Run;
        if (!(run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer))
        {
            return TestRunDecision.Nothing;
        }

        return new TestRunDecision(
            observation.EnvironmentNamespace == ChildPresence.Present
                ? [new DeleteNamespace(ChildNames.EnvironmentNamespace(run)), new RemoveFinalizer()]
                : [new RemoveFinalizer()],
            null,
            null);
    }

    private static TestRunStatus WithDeployState(TestRunStatus status, string state) =>
        status with { Environment = (status.Environment ?? new EnvironmentStatus()) with { DeployState = state } };
}
