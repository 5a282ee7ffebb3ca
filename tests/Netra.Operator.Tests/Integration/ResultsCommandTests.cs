using System.Text.Json;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;
using Netra.Operator.Local;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>The full results of a cluster run, fetched after it as a CI job does: <c>netra-operator results NAME</c>.</summary>
public sealed class ResultsCommandTests(OperatorTestBedFixture bed) : WithOperator(bed, "results")
{
    [Fact]
    public async Task Results_of_a_finished_run_come_back_as_junit_and_json_with_every_case()
    {
        await using var services = await LocalEnvironment.StartAsync(CancellationToken.None);
        var ns = await Bed.CreateNamespaceAsync("results");
        var targets = services.Targets;
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: fetched}
            spec:
              scenarios: [thread-management, auth-service-independence]
              parallelism: 2
              environment:
                mode: Existing
                endpoints: {authUrl: "{{targets.AuthUrl}}", backendUrl: "{{targets.BackendUrl}}", agentUrl: "{{targets.AgentUrl}}"}
            """);
        var run = await Bed.WaitForPhaseAsync(ns, "fetched", Phases.Succeeded);
        using var fetched = await FetchedResults.FetchAsync(Bed, ns, "fetched");

        var exit = fetched.Exit;
        Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
        var total = run.Status!.Summary!.Total;
        var cases = fetched.JUnit.Descendants("testcase").ToList();
        Assert.Equal(total, cases.Count);
        Assert.Equal(
            ["thread-management", "auth-service-independence"],
            cases.Select(c => c.Attribute("classname")!.Value).Distinct());
        Assert.Equal(total, fetched.Json.RootElement.GetProperty("scenarios").EnumerateArray().Sum(s => s.GetProperty("cases").GetArrayLength()));
        using var printed = JsonDocument.Parse(exit.Stdout);
        Assert.Equal(run.Status.Summary.Passed, printed.RootElement.GetProperty("summary").GetProperty("passed").GetInt32());
        Assert.StartsWith("Succeeded", exit.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_of_a_run_that_does_not_exist_are_one_line_and_exit_2()
    {
        var exit = await CommandProcess.RunAsync(
            "netra-operator", ["results", "nothing", "-n", "default", "--kubeconfig", Bed.Cp.WriteKubeconfig(Bed.Cp.AdminToken)], OperatorTestBed.Deadline);

        Assert.Equal(ExitCodes.Invalid, exit.Code);
        Assert.Contains("no TestRun default/nothing", Assert.Single(exit.StderrLines), StringComparison.Ordinal);
    }
}
