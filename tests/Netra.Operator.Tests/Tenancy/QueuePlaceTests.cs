using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>
/// Under the caps, first come first served within a namespace and round-robin across namespaces: a run's place among
/// the others, whether it waits, and why.
/// </summary>
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

        // Head of line: runs waiting only for their own namespace's cap hold no cluster-wide place.
        { "b:active b:active b:queued b:queued b:queued a:new", false },
        { "b:active b:queued b:queued b:queued b:queued a:new", false },
        { "b:active c:active b:queued c:queued a:new", true },
        { "b:active b:queued c:queued a:new", true },

        // Round-robin: a namespace's second waiting run comes after every namespace's first.
        { "c:active b:queued b:queued a:new", false },
        { "c:active c:active b:queued b:queued a:new", true },
    };

    public static TheoryData<string, string> Reasons => new()
    {
        { "a:active a:active a:new", "Queued for namespace a: 2 runs in progress there and 0 waiting before this one" },
        { "a:active a:queued a:new", "Queued for namespace a: 1 runs in progress there and 1 waiting before this one" },
        { "b:active b:active c:active a:new", "Queued for the cluster: 3 runs in progress and 0 that may start waiting before this one" },
        { "b:active c:active b:queued b:queued a:new", "Queued for the cluster: 2 runs in progress and 1 that may start waiting before this one" },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void The_reason_says_whether_the_run_waits_for_its_namespace_or_for_the_cluster(string runs, string reason)
    {
        var all = runs.Split(' ').Select((text, i) => Run(i, text.Split(':')[0], text.Split(':')[1])).ToList();

        Assert.StartsWith(reason, QueuePlace.Of(all[^1], all).WaitReason(Policy, all[^1].Metadata.NamespaceProperty), StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_runs_of_one_namespace_leave_another_tenants_single_run_a_free_slot()
    {
        var wide = new TenantPolicy { MaxActiveRunsPerNamespace = 5, MaxActiveRuns = 20 };
        var all = Enumerable.Range(0, 5).Select(i => Run(i, "busy", "active"))
            .Concat(Enumerable.Range(5, 15).Select(i => Run(i, "busy", "queued")))
            .Append(Run(20, "quiet", "new"))
            .ToList();

        Assert.Null(QueuePlace.Of(all[^1], all).WaitReason(wide, "quiet"));
        Assert.NotNull(QueuePlace.Of(all[5], all).WaitReason(wide, "busy"));
    }

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

        var place = QueuePlace.Of(all[1], all);

        Assert.Equal((1, 0, 1), (place.ActiveInNamespace, place.AheadInNamespace, place.ActiveTotal));
        Assert.Empty(place.Ahead);
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
