using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>First come, first served under the caps: a run's place among the others, and whether it waits.</summary>
public sealed class QueuePlaceTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TenantPolicy Policy = new() { MaxActiveRunsPerNamespace = 2, MaxActiveRuns = 3 };

    /// <summary>Runs as <c>namespace:state</c> (state: active, queued, done), created in this order; the last one is asked about.</summary>
    public static TheoryData<string, bool> Cases => new()
    {
        { "a:new", false },
        { "a:active a:new", false },
        { "a:active a:active a:new", true },
        { "a:active a:done a:done a:new", false },
        { "a:active a:queued a:new", true },
        { "b:active b:active a:active a:new", true },
        { "b:active b:active a:new", false },
        { "b:queued a:active a:new", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_waits_while_its_namespace_or_the_cluster_is_full_counting_those_queued_before_it(string runs, bool waits)
    {
        var all = runs.Split(' ').Select((text, i) => Run(i, text.Split(':')[0], text.Split(':')[1])).ToList();
        var place = QueuePlace.Of(all[^1], all);

        Assert.Equal(waits, place.WaitReason(Policy, all[^1].Metadata.NamespaceProperty) is not null);
    }

    [Fact]
    public void A_run_created_later_does_not_count_before_it()
    {
        List<TestRun> all = [Run(0, "a", "active"), Run(1, "a", "new"), Run(2, "a", "queued")];

        Assert.Equal(new QueuePlace(1, 0, 1, 0), QueuePlace.Of(all[1], all));
    }

    private static TestRun Run(int order, string ns, string state) => new()
    {
        Metadata = new() { Name = $"run-{order}", NamespaceProperty = ns, Uid = $"uid-{order}", CreationTimestamp = T0.AddSeconds(order) },
        Spec = new TestRunSpec(),
        Status = state switch
        {
            "active" => new TestRunStatus { Phase = Phases.Probing, StartTime = T0 },
            "done" => new TestRunStatus { Phase = Phases.Succeeded, StartTime = T0 },
            "queued" => new TestRunStatus { Phase = Phases.Pending },
            _ => null,
        },
    };
}
