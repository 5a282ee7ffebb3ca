using Prometheus;

namespace Netra.Agent.Runs;

/// <summary><c>netra_agent_runs_active</c>, <c>netra_agent_runs_total{status}</c> and
/// <c>netra_agent_runs_rejected_total{code}</c>.</summary>
public sealed class RunMetrics(IMetricFactory metrics)
{
    private readonly Gauge _active = metrics.CreateGauge("netra_agent_runs_active", "Runs streaming now.");
    private readonly Counter _finished = metrics.CreateCounter("netra_agent_runs_total", "Finished runs, by final status.", ["status"]);
    private readonly Counter _rejected = metrics.CreateCounter(
        "netra_agent_runs_rejected_total",
        "Run requests refused before streaming, by code.",
        ["code"]);

    public void Started() => _active.Inc();

    public void Finished(RunStatus status)
    {
        _active.Dec();
        _finished.WithLabels(status.ToString().ToLowerInvariant()).Inc();
    }

    public void Rejected(string code) => _rejected.WithLabels(code).Inc();
}
