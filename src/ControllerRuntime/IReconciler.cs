namespace Netra.ControllerRuntime;

/// <summary>Brings the world in line with one object, named by its queue key (<c>namespace/name</c>).</summary>
/// <remarks>Throwing puts the key back with a per-key backoff; returning forgets its failures.</remarks>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken);
}
