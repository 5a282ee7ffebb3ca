using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Operator.Core.TestRuns.Tested;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// Everything a reconcile decides from: the run, its spec resolved (defaults filled, problems named), and
/// the children found under their deterministic names. Both bodies of the controller make one: the
/// operator from the cluster, the local run from its in-memory cluster.
/// </summary>
public sealed class TestRunObservation
{
    public TestRunObservation(
        TestRun run,
        ChildPresence environmentNamespace,
        JobObservation? deployJob,
        IReadOnlyDictionary<string, JobObservation> probeJobs,
        QueuePlace? queue = null,
        DeployFacts? deployFacts = null,
        TestedFacts? tested = null)
    {
        Run = run;
        Queue = queue ?? QueuePlace.Empty;
        Spec = TestRunDefaults.Resolve(run.Spec);
        Problems = TestRunValidation.Validate(Spec);
        EnvironmentNamespace = environmentNamespace;
        DeployJob = deployJob;
        ProbeJobs = probeJobs;
        DeployFacts = deployFacts;
        Tested = tested;
    }

    public TestRun Run { get; }

    public ResolvedSpec Spec { get; }

    /// <summary>Why the spec cannot run; empty when it can.</summary>
    public IReadOnlyList<string> Problems { get; }

    public ChildPresence EnvironmentNamespace { get; }

    /// <summary>Where the run stands against the caps on runs in progress, until it starts.</summary>
    public QueuePlace Queue { get; }

    public JobObservation? DeployJob { get; }

    /// <summary>The environment's pods, Events and logs, read only once the deploy Job failed or got stuck.</summary>
    public DeployFacts? DeployFacts { get; }

    /// <summary>The images of the pods that answered the probes; null where there are no pods to read (the local run).</summary>
    public TestedFacts? Tested { get; }

    /// <summary>Probe Jobs by name.</summary>
    public IReadOnlyDictionary<string, JobObservation> ProbeJobs { get; }
}

/// <summary>
/// A child's presence. A namespace that is being deleted is Terminating: during a run that ends the run, after
/// it the cleanup waits for it to be gone. A namespace of the run's name that was not made for it is Foreign:
/// the operator neither uses nor deletes it.
/// </summary>
public enum ChildPresence
{
    Absent,
    Present,
    Terminating,
    Foreign,
}

/// <summary>A Job's state by its conditions; a Job being deleted keeps the state of its last condition.</summary>
public enum JobProgress
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A Job's state, what its pod left in its termination message, and, while it runs, what keeps its pods (or, for
/// the deploy Job, the pods it deploys) from getting anywhere (<see cref="PodProblems"/>). A finished probe Job's
/// full JSON report, read from its pod's log when the termination message had no room for it, is <see cref="Report"/>.
/// <see cref="PastDeadline"/>: the Job was stopped at its <c>activeDeadlineSeconds</c>, which is the run's own deadline.
/// </summary>
public sealed record JobObservation(
    string Name,
    JobProgress Progress,
    string? TerminationMessage = null,
    string? FailureReason = null,
    string? Problem = null,
    string? Report = null,
    bool PastDeadline = false);
