using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>What a decision tells the reconcile: whether it acts, the whole status it wants, when to look again.</summary>
public interface IDecision<out TStatus>
    where TStatus : class
{
    bool Acts { get; }

    TStatus? Status { get; }

    TimeSpan? RequeueAfter { get; }
}

/// <summary>
/// The one reconcile, for every resource and both bodies (the operator against an API server, the local run against its
/// in-memory cluster): observe → decide (pure) → act (idempotent) → write the status whole → record. Each resource and
/// body supplies only these parts.
/// </summary>
/// <remarks>
/// Most reconciles, woken by the watch events of the controller's own writes, change nothing: they decide from what
/// is cached and cost no write. A decision that changes something is made again from the resource as the store has it
/// now (<see cref="ObserveCurrentAsync"/>), so nothing is done on the strength of a stale copy; a status write refused as
/// stale (someone changed the object since) observes and decides again.
/// </remarks>
public abstract class Reconciler<TResource, TStatus, TObservation, TDecision>(TimeProvider time) : IReconciler
    where TResource : IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : class
    where TObservation : class
    where TDecision : IDecision<TStatus>
{
    /// <summary>Times a reconcile observes and decides again after its status write was refused as stale.</summary>
    public const int MaxAttempts = 5;

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (await ObserveAsync(key, cancellationToken) is not { } observation)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var decision = Decide(observation, now);
        if (!decision.Acts && !Changes(decision.Status, ResourceOf(observation)))
        {
            return Requeue(decision, changed: false);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await ObserveCurrentAsync(observation, cancellationToken) is not { } current)
            {
                return ReconcileResult.Done;
            }

            observation = current;
            decision = Decide(observation, now);
            var acted = await ActAsync(observation, decision, cancellationToken);
            var writes = Changes(decision.Status, acted);
            if (!writes || await WriteStatusAsync(acted, decision.Status!, cancellationToken))
            {
                Record(observation, decision, writes);
                return Requeue(decision, changed: decision.Acts || writes);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"The status of {key} was refused as stale {MaxAttempts} times in a row.");
            }
        }
    }

    /// <summary>The resource and what it decides from, as cached; null when it is gone.</summary>
    protected abstract Task<TObservation?> ObserveAsync(string key, CancellationToken cancellationToken);

    /// <summary>The same, with the resource as the store has it now; null when it is gone.</summary>
    protected abstract Task<TObservation?> ObserveCurrentAsync(TObservation cached, CancellationToken cancellationToken);

    protected abstract TResource ResourceOf(TObservation observation);

    protected abstract TDecision Decide(TObservation observation, DateTimeOffset now);

    /// <summary>Carries out the decision's actions; returns the resource as it is after any change to its own metadata.</summary>
    protected abstract Task<TResource> ActAsync(TObservation observation, TDecision decision, CancellationToken cancellationToken);

    /// <summary>Replaces the resource's status whole; false when refused because the resource changed since it was read.</summary>
    protected abstract Task<bool> WriteStatusAsync(TResource resource, TStatus status, CancellationToken cancellationToken);

    /// <summary>Events, logs and metrics for what the decision did, once it is done.</summary>
    protected abstract void Record(TObservation observation, TDecision decision, bool statusWritten);

    private static bool Changes(TStatus? status, TResource resource) =>
        status is not null && !JsonEquality.Same(status, resource.Status);

    private static ReconcileResult Requeue(TDecision decision, bool changed) => new(decision.RequeueAfter, changed);
}
