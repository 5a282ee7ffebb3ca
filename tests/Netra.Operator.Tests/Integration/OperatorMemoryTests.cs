using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A tenant sending large TestRuns cannot take the operator past its memory limit: thirty runs of 1.3 MB values each are
/// refused and end, the operator as the chart runs it (the image's native binary, in a memory cgroup of the chart's
/// 256 MiB limit, as a pod's container) is neither killed nor out of memory, and another tenant's run still runs.
/// </summary>
public sealed class OperatorMemoryTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    private const int ChartLimitMiB = 256;

    [Fact]
    public async Task Thirty_runs_of_large_values_end_and_the_operator_stays_under_its_memory_limit()
    {
        var lease = $"memory-{Guid.NewGuid():N}"[..20];
        using var limit = MemoryLimit.Create($"netra-{lease}", ChartLimitMiB * 1024L * 1024);
        var ns = await bed.CreateNamespaceAsync("large");
        using var tenant = await TenantAccount.CreateAsync(bed.Cp, ns, "ci");
        var values = new string('x', 1300 * 1024);
        var names = Enumerable.Range(1, 30).Select(i => $"large-{i}").ToList();
        Task CreateAsync(string name) => tenant.CustomObjects.CreateNamespacedCustomObjectAsync(
            new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "netra.io/v1alpha1",
                ["kind"] = "TestRun",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name },
                ["spec"] = System.Text.Json.Nodes.JsonNode.Parse(
                    $$"""{"scenarios": ["auth-service-independence"], "environment": {"charts": {"auth": {"values": {"blob": "{{values}}"} } } } }"""),
            },
            TestRun.Group,
            TestRun.Version,
            ns,
            TestRun.Plural);

        // Half are there before the operator starts (its first list reads them, page by page), half come through its watch.
        foreach (var name in names[..15])
        {
            await CreateAsync(name);
        }

        await using var process = bed.StartOperatorProcess(lease, "memory", executable: Repository.OperatorImageBinary, memoryLimit: limit);
        var peak = 0L;
        foreach (var name in names[15..])
        {
            await CreateAsync(name);
            peak = Math.Max(peak, ResidentMiB(process));
        }

        var other = await bed.CreateNamespaceAsync("other");
        await bed.CreateRunAsync(other, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: small}
            spec:
              scenarios: [auth-service-independence]
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);
        try
        {
            await Eventually.WaitUntilAsync(async () =>
            {
                peak = Math.Max(peak, ResidentMiB(process));
                var runs = await Task.WhenAll(names.Select(name => bed.ReadRunAsync(ns, name)));
                return runs.All(r => r?.Status?.Phase == Phases.Failed);
            }, "every large run ended", TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}; the operator's last output:\n{process.Tail()}", timeout);
        }

        var small = await bed.WaitForPhaseAsync(other, "small", Phases.Failed);

        var finished = small.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.True(finished.Reason == Reasons.PreflightFailed, $"{finished.Reason}: {finished.Message}");
        Assert.Equal(Reasons.InvalidSpec, (await bed.ReadRunAsync(ns, names[0]))!.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason);
        process.ThrowIfExited();
        Assert.Equal(0, limit.OomKills);
        // Near the limit the heap may refuse a megabyte-sized read; the watch or reconcile that needed it retries (the
        // count is a figure for the notes, as are the peaks).
        var refused = process.Tail(100_000).Split('\n').Count(l => l.Contains(nameof(OutOfMemoryException), StringComparison.Ordinal));
        Console.WriteLine($"netra-operator peaked at {peak} MiB resident, {limit.PeakBytes / (1024 * 1024)} MiB in its cgroup; {refused} reads retried");
        Assert.True(peak < ChartLimitMiB, $"the operator's resident memory peaked at {peak} MiB, the chart's limit is {ChartLimitMiB} MiB");
    }

    private static long ResidentMiB(ChildProcess process)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"the operator exited; its last output:\n{process.Tail()}");
        }

        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
