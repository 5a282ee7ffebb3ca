using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Controller;

/// <summary>What a reconcile should do, decided from an observation and nothing else.</summary>
public sealed record TestRunDecision(IReadOnlyList<ChildAction> Actions, TestRunStatus? Status, TimeSpan? RequeueAfter)
{
    public static TestRunDecision Nothing { get; } = new([], null, null);
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
