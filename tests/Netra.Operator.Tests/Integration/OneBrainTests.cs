using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;
using Netra.Operator.Local;
using Netra.Testing;
using Spectre.Console;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The local run and the operator are one controller with two bodies: the same manifest through
/// <c>netra-operator run</c> and through the operator on a real control plane ends in the same status,
/// apart from times and namespace names.
/// </summary>
public sealed partial class OneBrainTests(OperatorTestBedFixture bed) : WithOperator(bed, "one-brain")
{
    // Non-catalog order, two at once, one scenario failing on every attempt (frames of 16 bytes), one retry.
    private const string Manifest = """
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: one-brain}
        spec:
          scenarios: [auth-service-independence, thread-management, agent-lifecycle-events]
          parallelism: 2
          retries: 1
          environment:
            charts:
              backend:
                values:
                  config: {Backend__MaxFrameBytes: "16"}
        """;

    [Fact]
    public async Task The_local_run_and_the_operator_end_a_run_in_the_same_status()
    {
        var ns = await Bed.CreateNamespaceAsync("one-brain");
        await Bed.CreateRunAsync(ns, Manifest);
        var local = (await new LocalRun(QuietConsole(), TimeProvider.System).ExecuteAsync(TestRunManifest.Parse(Manifest, "local"), CancellationToken.None)).Run;
        TestRun? cluster = null;
        await Eventually.WaitUntilAsync(
            async () => (cluster = await Bed.ReadRunAsync(ns, "one-brain"))?.Status?.Environment?.DeployState == DeployStates.Removed,
            "the run finished and its namespace removed", OperatorTestBed.Deadline);

        var expected = Comparable(local.Status!);
        Assert.Equal(expected, Comparable(cluster!.Status!));
        Assert.Contains("\"attempts\":2", expected, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"TestsFailed\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"valuesHash\":\"sha256:", expected, StringComparison.Ordinal);
        Assert.Equal(3, cluster.Status!.Tested!.Charts.Count);
        Assert.Equal(["auth-service-independence", "thread-management", "agent-lifecycle-events"], local.Status!.Scenarios.Select(s => s.Name));
    }

    /// <summary>The status without what must differ between two runs: times, durations, namespace names.</summary>
    private static string Comparable(TestRunStatus status)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
        foreach (var field in new[] { "startTime", "completionTime", "duration" })
        {
            json.Remove(field);
        }

        json["environment"]!.AsObject().Remove("namespace");
        // The local run installs no charts (its services run in process, from the same values): it records none.
        json["tested"]!.AsObject().Remove("charts");
        foreach (var condition in json["conditions"]!.AsArray())
        {
            condition!.AsObject().Remove("lastTransitionTime");
        }

        foreach (var scenario in json["scenarios"]!.AsArray())
        {
            scenario!.AsObject().Remove("durationMs");
        }

        return EnvironmentNamespace().Replace(json.ToJsonString(), "netra-run-…");
    }

    private static IAnsiConsole QuietConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    [GeneratedRegex("netra-run-[0-9a-f]{8}")]
    private static partial Regex EnvironmentNamespace();
}
