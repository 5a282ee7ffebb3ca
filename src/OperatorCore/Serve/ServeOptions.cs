using Netra.Operator.Core.Gate;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Ui;

namespace Netra.Operator.Core.Serve;

/// <summary>How <c>netra-operator serve</c> runs: its lease, its workers, where it answers probes and metrics.</summary>
public sealed record ServeOptions
{
    /// <summary>
    /// Whether instances elect a leader through a Lease (the chart turns it on); off, as kubebuilder's operators
    /// start, this instance reconciles alone.
    /// </summary>
    public bool LeaderElect { get; init; }

    public string LeaseNamespace { get; init; } = "netra-system";

    public string LeaseName { get; init; } = "netra-operator";

    /// <summary>This instance in the lease; the pod name in a cluster.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>
    /// Reconciles at once. Each waits on the API server about thirty times as long as it computes: 100 runs created at
    /// once got their probe Jobs within 1.29 s (p95) with 8, 0.90 s with 16, 0.68 s with 32 (bench/Netra.Operator.Bench).
    /// </summary>
    public int Workers { get; init; } = 32;

    /// <summary>Where /healthz, /readyz and /metrics listen (port 0: any free port).</summary>
    public string HealthUrl { get; init; } = "http://0.0.0.0:8080";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public ControllerSettings Controller { get; init; } = new();

    /// <summary>The gate for Argo Rollouts, Kargo and Flagger on every instance; null: none (no <c>--gate-port</c>).</summary>
    public GateOptions? Gate { get; init; }

    /// <summary>The read-only results UI on every instance; null: none (no <c>--ui-port</c>).</summary>
    public UiOptions? Ui { get; init; }
}
