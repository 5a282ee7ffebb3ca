using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Netra.ControllerRuntime;

/// <summary>Where the lease lives and how long it lasts.</summary>
public sealed record LeaderElectionSettings(string Namespace, string LeaseName, string Identity)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Runs work only while this instance holds a coordination.k8s.io Lease; the others stay idle and
/// take over when the holder stops renewing. Leadership lost means the work is cancelled at once
/// (another instance may already act). On a clean stop the lease is released for a fast hand-over.
/// </summary>
public sealed class LeaderElection(IKubernetes client, LeaderElectionSettings settings, ILogger logger)
{
    private volatile bool _leading;

    public bool IsLeader => _leading;

    public event Action<bool>? LeadershipChanged;

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        var leaseLock = new LeaseLock(client, settings.Namespace, settings.LeaseName, settings.Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            await LeadOnceAsync(leaseLock, whileLeading, cancellationToken);
        }

        await ReleaseAsync(leaseLock);
    }

    private async Task LeadOnceAsync(LeaseLock leaseLock, Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        });
        Task? work = null;
        elector.OnStartedLeading += () =>
        {
            SetLeading(true);
            logger.LogInformation("{Identity} leads {Namespace}/{Lease}", settings.Identity, settings.Namespace, settings.LeaseName);
            // Work that ends on its own (a fault) gives the lease up, so that another instance can do better.
            work = Task.Run(() => whileLeading(term.Token), CancellationToken.None).ContinueWith(
                ended =>
                {
                    if (ended.Exception is { } error)
                    {
                        logger.LogError(error, "Work while leading failed; giving up the lease");
                    }

                    term.Cancel();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        };
        // One line a failure, each time it happens: a missing Lease namespace or a missing permission repeats until fixed.
        elector.OnError += error => logger.LogError(
            "Leader election on Lease {Namespace}/{Lease} failed: {Problem}",
            settings.Namespace,
            settings.LeaseName,
            ApiErrors.Describe(error));
        try
        {
            await elector.RunUntilLeadershipLostAsync(term.Token);
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(
                "Leader election on Lease {Namespace}/{Lease} failed, trying again: {Problem}",
                settings.Namespace,
                settings.LeaseName,
                ApiErrors.Describe(error));
            await Task.Delay(settings.RetryPeriod, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await term.CancelAsync();
            if (work is not null)
            {
                await work;
            }

            if (_leading)
            {
                logger.LogInformation("{Identity} stopped leading", settings.Identity);
            }

            SetLeading(false);
        }
    }

    private async Task ReleaseAsync(LeaseLock leaseLock)
    {
        try
        {
            using var timeout = new CancellationTokenSource(settings.RenewDeadline);
            var record = await leaseLock.GetAsync(timeout.Token);
            if (record.HolderIdentity == settings.Identity)
            {
                record.HolderIdentity = string.Empty;
                record.LeaseDurationSeconds = 1;
                await leaseLock.UpdateAsync(record, timeout.Token);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogInformation(error, "Could not release the lease; it expires on its own");
        }
    }

    private void SetLeading(bool leading)
    {
        if (_leading != leading)
        {
            _leading = leading;
            LeadershipChanged?.Invoke(leading);
        }
    }
}
