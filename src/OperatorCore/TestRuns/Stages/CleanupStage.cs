using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// Removal of an Ephemeral run's namespace per <c>spec.cleanup</c> after completion, once
/// <c>ttlSecondsAfterFinished</c> has passed, and whatever the policy when the run is deleted.
/// <c>OnSuccess</c> keeps the namespace of a run that did not succeed, for a look at what went wrong, and
/// <c>Never</c> keeps it, both for at most the installer's maximum lifetime of an environment.
/// The deploy state says Removing while the namespace terminates and Removed once it is gone. A run being deleted
/// loses its namespace whatever the policy (<see cref="DeletionStage"/>).
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

    /// <summary>
    /// After completion: delete when due, or come back when it will be. A namespace the policy keeps goes too once the
    /// installer's <see cref="Tenancy.TenantPolicy.MaxEnvironmentLifetime"/> has passed.
    /// </summary>
    public static TestRunDecision AfterCompletion(
        TestRunObservation observation, TestRunStatus status, ControllerSettings settings, DateTimeOffset now)
    {
        var spec = observation.Spec;
        var lifetime = settings.Policy.MaxEnvironmentLifetime;
        var keep = PolicyRemoves(spec.CleanupPolicy, status.Phase) ? TimeSpan.FromSeconds(spec.CleanupTtlSeconds) : lifetime;
        if (!spec.Ephemeral || observation.EnvironmentNamespace == ChildPresence.Foreign || keep == TimeSpan.MaxValue)
        {
            return TestRunDecision.Nothing;
        }

        switch (observation.EnvironmentNamespace)
        {
            case ChildPresence.Absent:
                return new TestRunDecision([], RunStatuses.WithDeployState(status, DeployStates.Removed), null);
            case ChildPresence.Terminating:
                return new TestRunDecision([], RunStatuses.WithDeployState(status, DeployStates.Removing), TerminatingPollInterval);
        }

        var due = (status.CompletionTime ?? now) + (keep < lifetime ? keep : lifetime);
        return now >= due
            ? new TestRunDecision(
                [new DeleteNamespace(ChildNames.EnvironmentNamespace(observation.Run))],
                RunStatuses.WithDeployState(status, DeployStates.Removing),
                TerminatingPollInterval)
            : new TestRunDecision([], null, due - now);
    }
}
