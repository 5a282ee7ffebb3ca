namespace Netra.ControllerRuntime;

/// <summary>
/// What a reconcile asks of the queue: nothing more, or another look after a delay. <see cref="Changed"/> says whether it
/// acted or wrote a status (a loop without watches, as the local run's, looks again at once after a change).
/// </summary>
public sealed record ReconcileResult(TimeSpan? RequeueAfter, bool Changed = false)
{
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
