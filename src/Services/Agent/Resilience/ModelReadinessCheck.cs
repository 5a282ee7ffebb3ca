using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Netra.Agent.Resilience;

/// <summary>
/// <c>/readyz</c>: the agent's own dependency is its model. An open breaker reports Degraded (still
/// 200: runs answer fast with <c>llm_unavailable</c> or a degraded report, so traffic should keep coming).
/// </summary>
public sealed class ModelReadinessCheck(ResilientLlm llm) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(llm.BreakerState is CircuitState.Closed or CircuitState.HalfOpen
            ? HealthCheckResult.Healthy("The model circuit is closed.")
            : HealthCheckResult.Degraded("The model circuit is open."));
}
