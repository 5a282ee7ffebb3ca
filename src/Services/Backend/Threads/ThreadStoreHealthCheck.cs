using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Netra.Backend.Threads;

/// <summary>Ready when the thread database answers.</summary>
public sealed class ThreadStoreHealthCheck(ThreadStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("thread database does not answer");
}
