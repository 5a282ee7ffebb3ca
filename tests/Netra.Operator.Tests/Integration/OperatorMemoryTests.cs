using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A tenant sending large TestRuns cannot take the operator past its memory limit: thirty runs of 1.3 MB values each are
/// refused and end, the operator process (as the chart runs it: serve, its own process) stays under the chart's 256 MiB,
/// and another tenant's run still runs.
/// </summary>
public sealed class OperatorMemoryTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    private const int ChartLimitMiB = 256;

    [Fact(Skip = "Issue 24 item 6 not done: the JIT operator process peaked at 730 MiB here (the cache trim and the 32 KiB values bound do "
        + "not cover the watch and list of 1.3 MB objects); unskip when the operator bounds what it reads")]
    public async Task Thirty_runs_of_large_values_end_and_the_operator_stays_under_its_memory_limit()
    {
        await using var process = bed.StartOperatorProcess($"memory-{Guid.NewGuid():N}"[..20], "memory");
        var ns = await bed.CreateNamespaceAsync("large");
        using var tenant = await TenantAccount.CreateAsync(bed.Cp, ns, "ci");
        var values = new string('x', 1300 * 1024);
        var names = Enumerable.Range(1, 30).Select(i => $"large-{i}").ToList();
        var peak = 0L;
        foreach (var name in names)
        {
            var run = new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "netra.io/v1alpha1",
                ["kind"] = "TestRun",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name },
                ["spec"] = System.Text.Json.Nodes.JsonNode.Parse(
                    $$"""{"scenarios": ["auth-service-independence"], "environment": {"charts": {"auth": {"values": {"blob": "{{values}}"} } } } }"""),
            };
            await tenant.CustomObjects.CreateNamespacedCustomObjectAsync(run, TestRun.Group, TestRun.Version, ns, TestRun.Plural);
            peak = Math.Max(peak, ResidentMiB(process.Id));
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
        await Eventually.WaitUntilAsync(async () =>
        {
            peak = Math.Max(peak, ResidentMiB(process.Id));
            var runs = await Task.WhenAll(names.Select(name => bed.ReadRunAsync(ns, name)));
            return runs.All(r => r?.Status?.Phase == Phases.Failed);
        }, "every large run ended", TimeSpan.FromMinutes(3));
        var small = await bed.WaitForPhaseAsync(other, "small", Phases.Failed);

        Assert.Equal(Reasons.PreflightFailed, small.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason);
        Assert.Equal(Reasons.InvalidSpec, (await bed.ReadRunAsync(ns, names[0]))!.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason);
        process.ThrowIfExited();
        Assert.True(peak < ChartLimitMiB, $"the operator's resident memory peaked at {peak} MiB, the chart's limit is {ChartLimitMiB} MiB");
    }

    private static long ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
