using k8s;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Uninstall;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// <c>netra-operator uninstall</c> against the control plane, as the chart's pre-delete hook runs it (the operator's
/// account): with the operator running, every schedule and run goes, each Ephemeral run's namespace with it; with none
/// running, a run its finalizer holds is named in one line with the manual fix.
/// </summary>
public sealed class UninstallCommandTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task With_the_operator_running_every_schedule_and_run_goes_each_Ephemeral_namespace_with_its_run_and_it_exits_0()
    {
        await using var host = bed.StartOperator($"uninstall-{Guid.NewGuid():N}"[..20], "uninstall");
        var (ns, environment) = await UninstallScene.CreateAsync(bed, "uninstall");
        await Eventually.WaitUntilAsync(
            async () => (await ListAsync<TestRun>(TestRun.Plural)).Count >= 2, "a run the schedule started", OperatorTestBed.Deadline);

        var exit = await InProcessUninstall.RunAsync(bed, "60s");

        Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
        Assert.Contains(exit.StderrLines, line => line.StartsWith("waiting for 1 TestRunSchedule and ", StringComparison.Ordinal)
            && line.Contains($": {ns}/{UninstallScene.Schedule}, ", StringComparison.Ordinal)
            && line.Contains($"{ns}/{UninstallScene.Run}", StringComparison.Ordinal));
        Assert.Matches(@"^Deleted 1 TestRunSchedule and [0-9]+ TestRuns; none is left\.$", exit.StderrLines[^1]);
        Assert.DoesNotContain(bed.Cp.OperatorToken, exit.Stderr, StringComparison.Ordinal);
        Assert.Empty(await ListAsync<TestRunSchedule>(TestRunSchedule.Plural));
        Assert.Empty(await ListAsync<TestRun>(TestRun.Plural));
        Assert.True(await UninstallScene.EnvironmentDeletedAsync(bed, environment), "the finalizer deleted the run's namespace");
    }

    [Fact]
    public async Task With_no_operator_a_run_its_finalizer_holds_is_named_in_one_line_with_the_manual_fix_and_it_exits_1()
    {
        var ns = await bed.CreateNamespaceAsync("stuck");
        await bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: stuck, finalizers: [{{ChildNames.Finalizer}}]}
            spec:
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);
        try
        {
            var exit = await InProcessUninstall.RunAsync(bed, "2s");

            Assert.True(exit.Code == ExitCodes.Failed, exit.ToString());
            Assert.Equal(
                [
                    $"waiting for 1 TestRun: {ns}/stuck",
                    $"netra-operator: timed out after 2s with 1 TestRun left: {ns}/stuck. {UninstallReport.ManualFix}",
                ],
                exit.StderrLines);
            Assert.NotNull((await bed.ReadRunAsync(ns, "stuck"))?.Metadata.DeletionTimestamp);
        }
        finally
        {
            var noFinalizers = new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);
            await bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
                noFinalizers, TestRun.Group, TestRun.Version, ns, TestRun.Plural, "stuck");
        }
    }

    private async Task<IList<T>> ListAsync<T>(string plural) =>
        (await bed.Admin.CustomObjects.ListAsync<T>(TestRun.Group, TestRun.Version, null, plural)).Items;
}
