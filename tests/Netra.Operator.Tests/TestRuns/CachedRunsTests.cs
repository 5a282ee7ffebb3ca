using System.Text.Json.Nodes;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>The watch cache keeps of a run only what decisions read: a tenant's large values go once the run is over.</summary>
public sealed class CachedRunsTests
{
    [Fact]
    public void A_finished_run_is_kept_without_its_values_field_managers_or_last_applied_copy()
    {
        var cache = new ObjectCache<TestRun>(keep: CachedRuns.Keep);
        cache.Replace([Large("done", Phases.Failed, generation: 1), Large("running", Phases.Probing, generation: 1), Large("edited", Phases.Failed, generation: 2)]);

        var done = cache.Get("team/done")!;
        Assert.Null(done.Spec.Environment.Charts!.Auth!.Values);
        Assert.Null(done.Metadata.ManagedFields);
        Assert.False(done.Metadata.Annotations.ContainsKey(CachedRuns.LastApplied));
        Assert.NotNull(cache.Get("team/running")!.Spec.Environment.Charts!.Auth!.Values);
        Assert.NotNull(cache.Get("team/edited")!.Spec.Environment.Charts!.Auth!.Values);
    }

    [Fact]
    public void A_schedule_keeps_none_of_its_runs_values()
    {
        var run = CachedRuns.KeepForSchedule(Large("scheduled", Phases.Probing, generation: 1));

        Assert.Null(run.Spec.Environment.Charts!.Auth!.Values);
        Assert.Null(run.Metadata.ManagedFields);
        Assert.Equal(Phases.Probing, run.Status!.Phase);
    }

    private static TestRun Large(string name, string phase, int generation) => Runs.Ephemeral(r =>
    {
        r.Metadata.Name = name;
        r.Metadata.Generation = generation;
        r.Metadata.ManagedFields = [new k8s.Models.V1ManagedFieldsEntry { Manager = "kubectl" }];
        r.Metadata.Annotations = new Dictionary<string, string> { [CachedRuns.LastApplied] = new string('x', 100_000) };
        r.Spec.Environment.Charts = new ChartsSpec
        {
            Auth = new ChartSpec { Values = new JsonObject { ["config"] = new JsonObject { ["Big__Value"] = new string('x', 20_000) } } },
        };
        r.Status = new TestRunStatus { Phase = phase, ObservedGeneration = 1 };
    });
}
