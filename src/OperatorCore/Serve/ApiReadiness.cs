using k8s;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// Whether the operator can do its work, checked every few seconds for <c>/readyz</c>: the API server answers and
/// the operator may read what it needs (with leader election, the Lease's namespace). A failing check is one error
/// line in the log, each time, naming the cause: an unreachable API server, missing RBAC, a missing namespace.
/// </summary>
public sealed class ApiReadiness(IKubernetes client, ServeOptions options, ILogger logger)
{
    private volatile bool _ready;

    public bool Ready => _ready;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                _ready = await CheckAsync(cancellationToken);
                await Task.Delay(options.RetryPeriod, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RenewDeadline);
        try
        {
            if (options.LeaderElect)
            {
                await client.CoreV1.ReadNamespaceAsync(options.LeaseNamespace, cancellationToken: deadline.Token);
            }
            else
            {
                await client.CustomObjects.ListClusterCustomObjectAsync(
                    TestRun.Group, TestRun.Version, TestRun.Plural, limit: 1, cancellationToken: deadline.Token);
            }

            return true;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            var what = options.LeaderElect ? $"the Lease namespace {options.LeaseNamespace}" : "TestRuns";
            var hint = ApiErrors.IsNotFound(error) && options.LeaderElect
                ? " (it does not exist: create it or pass --lease-namespace)"
                : string.Empty;
            logger.LogError("Not ready: cannot read {What}: {Problem}{Hint}", what, ApiErrors.Describe(error), hint);
            return false;
        }
    }
}
