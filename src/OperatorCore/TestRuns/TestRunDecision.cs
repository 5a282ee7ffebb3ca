using k8s;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns;

/// <summary>What a reconcile should do, decided from an observation and nothing else: actions, the whole status, when to look again.</summary>
public sealed record TestRunDecision(IReadOnlyList<ChildAction> Actions, TestRunStatus? Status, TimeSpan? RequeueAfter)
    : IDecision<TestRunStatus>
{
    public static TestRunDecision Nothing { get; } = new([], null, null);

    public bool Acts => Actions.Count > 0;

    /// <summary>Finished: look again at once, for the cleanup that follows completion.</summary>
    public static TestRunDecision Ended(TestRunStatus status) => new([], status, TimeSpan.Zero);

    /// <summary>Still going: look again at the poll interval, or when the run's time is up if that is sooner.</summary>
    public static TestRunDecision InProgress(IReadOnlyList<ChildAction> actions, TestRunStatus status, DecisionContext context, TimeSpan remaining) =>
        new(actions, status, remaining < context.Settings.PollInterval ? remaining : context.Settings.PollInterval);
}

/// <summary>One idempotent change to the cluster.</summary>
public abstract record ChildAction;

/// <summary>Create if absent; an object already there under that name is the one wanted.</summary>
public sealed record CreateChild(IKubernetesObject<V1ObjectMeta> Child) : ChildAction;

public sealed record DeleteNamespace(string Name) : ChildAction;

/// <summary>A copy of a Secret of the operator's own namespace (a registry pull secret) into a run's namespace.</summary>
public sealed record CopySecret(string FromNamespace, string Name, string ToNamespace) : ChildAction;

public sealed record AddFinalizer : ChildAction;

/// <summary>Deletes the TestRun itself (its time to live after finishing has passed).</summary>
public sealed record DeleteRun : ChildAction;

public sealed record RemoveFinalizer : ChildAction;
