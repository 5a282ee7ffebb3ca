using k8s;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// What the UI shows, watched from the API server into caches of its own on every replica (the controllers' caches
/// live only while leading): TestRuns without what a page never shows (<see cref="CachedRuns.KeepForUi"/>) and
/// TestRunSchedules. The watches queue nothing: no controller reads them.
/// </summary>
public sealed class UiCache
{
    private readonly ObjectCache<TestRun> _runs = new(keep: CachedRuns.KeepForUi);
    private readonly ObjectCache<TestRunSchedule> _schedules = new(keep: CachedRuns.KeepSchedule);

    public IReadOnlyList<TestRun> Runs => _runs.All();

    public IReadOnlyList<TestRunSchedule> Schedules => _schedules.All();

    public TestRun? Run(string ns, string name) => _runs.Get($"{ns}/{name}");

    public TestRunSchedule? Schedule(string ns, string name) => _schedules.Get($"{ns}/{name}");

    /// <summary>Completes once both caches hold a full list.</summary>
    public Task Synced => Task.WhenAll(_runs.Synced, _schedules.Synced);

    public async Task RunAsync(IKubernetes client, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        using var nothing = new WorkQueue<string>(time);
        await Task.WhenAll(
            new ResourceWatcher<TestRun>(
                    new CustomResourceSource<TestRun>(client, TestRun.Group, TestRun.Version, TestRun.Plural),
                    nothing, logger, time, keyOf: _ => null, cache: _runs)
                .RunAsync(cancellationToken),
            new ResourceWatcher<TestRunSchedule>(
                    new CustomResourceSource<TestRunSchedule>(client, TestRun.Group, TestRun.Version, TestRunSchedule.Plural),
                    nothing, logger, time, keyOf: _ => null, cache: _schedules)
                .RunAsync(cancellationToken));
    }
}
