using k8s;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The TestRuns the gate answers about, read from the API server at each request: a caller polling every few
/// seconds sees a run's end as soon as the operator wrote it, with no cache of the gate's own to fall behind.
/// </summary>
public sealed class GateRuns(IKubernetes client)
{
    public Task<TestRun?> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        ApiErrors.ReadOrNullAsync(() => client.CustomObjects.GetAsync<TestRun>(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, name, cancellationToken));

    public Task<TestRunSchedule?> ReadScheduleAsync(string ns, string name, CancellationToken cancellationToken) =>
        ApiErrors.ReadOrNullAsync(() => client.CustomObjects.GetAsync<TestRunSchedule>(
            TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural, name, cancellationToken));

    /// <summary>The newest run of <paramref name="schedule"/> testing <paramref name="revision"/> (any, when null).</summary>
    public async Task<TestRun?> NewestRunAsync(TestRunSchedule schedule, string? revision, CancellationToken cancellationToken)
    {
        var ns = schedule.Metadata.NamespaceProperty;
        var runs = await client.CustomObjects.ListAsync<TestRun>(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, ScheduledRuns.Selector(schedule), cancellationToken: cancellationToken);
        return runs.Items
            .Where(run => ScheduledRuns.OwnerKey(run) == $"{ns}/{schedule.Metadata.Name}")
            .Where(run => revision is null || run.Spec.Revision == revision || VerifiedWorkloads.Of(run).Any(w => w.Revision == revision))
            .OrderByDescending(run => run.Metadata.CreationTimestamp)
            .ThenByDescending(run => run.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Creates <paramref name="run"/> unless it exists, and returns the API server's copy.</summary>
    public async Task<TestRun> CreateOrReadAsync(TestRun run, CancellationToken cancellationToken)
    {
        var ns = run.Metadata.NamespaceProperty;
        await ApiErrors.CreateIfAbsentAsync(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(
            run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken));
        return await ReadAsync(ns, run.Metadata.Name, cancellationToken)
            ?? throw new InvalidOperationException($"TestRun {ns}/{run.Metadata.Name} was deleted as soon as it was created.");
    }
}
