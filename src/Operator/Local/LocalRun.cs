using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Probes.Report;
using Spectre.Console;

namespace Netra.Operator.Local;

/// <summary>
/// A TestRun run on this machine by the operator's own controller: <see cref="TestRunDecider"/> decides, as
/// in a cluster, against an <see cref="InMemoryCluster"/> that runs each Job in this process. Scheduling,
/// ordering, retries, timeout, messages and the final status therefore come from the one place the
/// operator uses too. The run ends once its status is final and nothing is left for the controller to do at
/// once; the services then stop, and their files stay when the cleanup policy keeps the environment.
/// </summary>
public sealed class LocalRun(IAnsiConsole console, TimeProvider time)
{
    /// <summary>The local run's namespace when the manifest names none, as kubectl would use.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The operator's settings, without a tenant policy: on one machine the user is the installer.</summary>
    private static readonly ControllerSettings Settings = new() { Policy = TenantPolicy.Unrestricted };

    /// <summary>Tells what the run is doing (its Ready condition's message, whenever it changes).</summary>
    public event Action<string>? Progress;

    /// <summary>
    /// Runs it to its end. When <paramref name="cancellationToken"/> fires, the Jobs and services stop at once and
    /// the status is the controller's for a cancelled run: what finished kept, the rest not run.
    /// </summary>
    /// <param name="cancelledWhy">Says, once cancelled, why (for the status message).</param>
    public async Task<LocalRunResult> ExecuteAsync(TestRun run, CancellationToken cancellationToken, Func<string>? cancelledWhy = null)
    {
        Admit(run);
        var started = time.GetUtcNow();
        using var reports = new ScenarioReports();
        await using (var cluster = new InMemoryCluster(console, reports))
        {
            try
            {
                await DriveAsync(cluster, run, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                run.Status = TestRunDecider.Cancelled(cluster.Observe(run), Settings, cancelledWhy?.Invoke() ?? "stopped", time.GetUtcNow());
            }

            await cluster.StopJobsAsync();
            await StopServicesAsync(cluster, run);
        }

        var ending = run.Status?.Conditions.Find(ConditionTypes.Finished);
        var aborted = ending?.Reason is Reasons.Succeeded or Reasons.TestsFailed ? null : ending?.Message;
        var report = await reports.MergeAsync(
            TestRunDefaults.Resolve(run.Spec).Scenarios, started, time.GetUtcNow() - started, aborted, name => ResultsStatus.WhyNoReport(run.Status, name));
        return new LocalRunResult(run, report);
    }

    private async Task DriveAsync(InMemoryCluster cluster, TestRun run, CancellationToken cancellationToken)
    {
        var reconciler = new LocalReconciler(cluster, run, Settings, time);
        reconciler.Progress += message => Progress?.Invoke(message);
        var key = $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";
        while (true)
        {
            var result = await reconciler.ReconcileAsync(key, cancellationToken);
            if (!result.Changed && (result.RequeueAfter is null || IsFinal(run)))
            {
                break;
            }

            // A change is looked at again at once, as the operator's own writes wake it through its watches.
            await cluster.WaitForChangeAsync(result.Changed ? TimeSpan.Zero : result.RequeueAfter, cancellationToken);
        }
    }

    /// <summary>What the API server would have set on a new object; no time to live (see <see cref="LocalRunCaveats"/>).</summary>
    private static void Admit(TestRun run)
    {
        LocalRunCaveats.ClearTimesToLive(run);
        run.Metadata.NamespaceProperty ??= DefaultNamespace;
        run.Metadata.Uid ??= Guid.NewGuid().ToString();
        run.Metadata.Generation ??= 1;
    }

    /// <summary>Final, and nothing left for the cleanup to do now (a cleanup delay is not waited for on this machine).</summary>
    private static bool IsFinal(TestRun run) => run.Status?.Phase is Phases.Succeeded or Phases.Failed;

    /// <summary>The services stop with the run; their files go unless the cleanup policy keeps them.</summary>
    private async Task StopServicesAsync(InMemoryCluster cluster, TestRun run)
    {
        var ns = ChildNames.EnvironmentNamespace(run);
        if (cluster.EnvironmentIn(ns) is not { } environment)
        {
            return;
        }

        // A run stopped by its user leaves nothing behind; one that ended keeps what its policy keeps.
        var policy = TestRunDefaults.Resolve(run.Spec).CleanupPolicy;
        var cancelled = run.Status?.Conditions.Find(ConditionTypes.Finished)?.Reason == Reasons.Cancelled;
        var keep = !cancelled && !CleanupStage.PolicyRemoves(policy, run.Status?.Phase);
        await cluster.DeleteNamespaceAsync(ns, keep);
        if (keep)
        {
            Progress?.Invoke($"Service logs and databases kept in {environment.Folder.FullName} (cleanup policy {policy}).");
        }
    }
}

/// <summary>The TestRun with its final status, and the full report of every case (what <c>--json</c> and <c>--junit</c> write).</summary>
public sealed record LocalRunResult(TestRun Run, RunReport Report);
