using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Controller;

/// <summary>Everything a reconcile decides from: the run and the children found under their deterministic names.</summary>
public sealed record TestRunObservation(
    TestRun Run,
    ChildPresence EnvironmentNamespace,
    JobObservation? DeployJob,
    IReadOnlyDictionary<string, JobObservation> ProbeJobs);

public enum ChildPresence
{
    Absent,
    Present,
    Terminating,
}

public enum JobProgress
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>A Job's state, and what its pod left in its termination message.</summary>
public sealed record JobObservation(string Name, JobProgress Progress, string? TerminationMessage = null, string? FailureReason = null);
