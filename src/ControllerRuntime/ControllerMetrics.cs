using Prometheus;

namespace Netra.ControllerRuntime;

/// <summary>
/// What a controller reports on /metrics: reconciles by result, their durations, the queue's depth, whether its caches
/// are synced, leadership.
/// </summary>
public sealed class ControllerMetrics
{
    private readonly Counter _reconciles;
    private readonly Histogram _durations;
    private readonly Gauge _depth;
    private readonly Gauge _synced;
    private readonly Gauge _leader;

    public ControllerMetrics(IMetricFactory factory, string controller)
    {
        _reconciles = factory.CreateCounter(
            "netra_operator_reconcile_total",
            "Reconciles by controller and result (success, requeue, error).",
            ["controller", "result"]);
        _durations = factory.CreateHistogram(
            "netra_operator_reconcile_duration_seconds",
            "Duration of one reconcile.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        _depth = factory.CreateGauge("netra_operator_workqueue_depth", "Keys waiting in the work queue.", ["controller"]);
        _synced = factory.CreateGauge(
            "netra_operator_caches_synced", "1 once every watch cache of the controller holds a full list (its workers start then).", ["controller"]);
        _leader = factory.CreateGauge("netra_operator_leader", "1 while this instance holds the leader lease.");
        Controller = controller;
    }

    public string Controller { get; }

    public void Reconciled(string result, TimeSpan duration)
    {
        _reconciles.WithLabels(Controller, result).Inc();
        _durations.WithLabels(Controller).Observe(duration.TotalSeconds);
    }

    public void QueueDepth(int depth) => _depth.WithLabels(Controller).Set(depth);

    public void CachesSynced(bool synced) => _synced.WithLabels(Controller).Set(synced ? 1 : 0);

    public void Leading(bool leading) => _leader.Set(leading ? 1 : 0);
}
