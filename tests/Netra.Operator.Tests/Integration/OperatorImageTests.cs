using System.Net;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The cluster image's netra-operator: <c>serve</c> compiled ahead of time (src/OperatorImage), which
/// has no JIT to fall back on when a type was not compiled in. It runs here as a process against the
/// control plane: reading its kubeconfig, leading and handing over, watching, deploying, probing,
/// reporting, cleaning up.
/// </summary>
public sealed class OperatorImageTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task The_compiled_image_runs_TestRuns_to_Succeeded_and_to_Failed_stalls_an_invalid_one_and_cleans_up_on_deletion()
    {
        var port = ControlPlane.FreeLoopbackPort();
        await using var process = StartImage($"image-{Guid.NewGuid():N}"[..20], "image", port);
        var ns = await bed.CreateNamespaceAsync("image");

        var created = await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: compiled}
            spec:
              scenarios: [thread-management, auth-service-independence]
              parallelism: 2
              cleanup: {policy: Always, ttlSecondsAfterFinished: 3600}
            """);
        await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: tiny-frames}
            spec:
              scenarios: [thread-management]
              environment:
                charts:
                  backend:
                    values:
                      config: {Backend__MaxFrameBytes: "16"}
            """);
        await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: no-endpoints}
            spec:
              environment: {mode: Existing}
            """);

        var run = await WaitForPhaseAsync(process, ns, "compiled", Phases.Succeeded);
        var status = run.Status!;
        Assert.Equal(["thread-management", "auth-service-independence"], status.Scenarios.Select(s => s.Name));
        Assert.All(status.Scenarios, s => Assert.Equal("Passed", s.Result));
        Assert.Equal(status.Scenarios.Sum(s => s.Passed), status.Summary!.Passed);
        Assert.NotNull(status.StartTime);
        Assert.NotNull(status.CompletionTime);
        Assert.Equal(ConditionStatuses.True, status.Conditions.Single(c => c.Type == ConditionTypes.Succeeded).Status);
        IReadOnlyList<string> events = [];
        await Eventually.WaitUntilAsync(async () => (events = await bed.EventReasonsAsync(ns, "compiled")).Contains(Phases.Succeeded), "Succeeded event", OperatorTestBed.Deadline);
        Assert.Equal([Phases.Deploying, Phases.Probing, Phases.Succeeded], events.Where(e => !e.StartsWith("Probe", StringComparison.Ordinal)).Distinct());
        Assert.Contains("ProbeStarted", events);

        var failed = await WaitForPhaseAsync(process, ns, "tiny-frames", Phases.Failed);
        var scenario = Assert.Single(failed.Status!.Scenarios);
        Assert.Equal("Failed", scenario.Result);
        Assert.NotEmpty(scenario.Failures);
        Assert.All(scenario.Failures, f => Assert.StartsWith("thread-management/", f.Id, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(scenario.Failures[0].Message));

        TestRun? stalled = null;
        await Eventually.WaitUntilAsync(async () => (stalled = await bed.ReadRunAsync(ns, "no-endpoints"))?.Status?.Conditions.Any(c => c.Type == ConditionTypes.Stalled) == true,
            "the invalid run Stalled", OperatorTestBed.Deadline);
        var condition = stalled!.Status!.Conditions.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(ConditionStatuses.True, condition.Status);
        Assert.Contains("spec.environment.endpoints", condition.Message, StringComparison.Ordinal);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Contains("netra_operator_leader 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_operator_reconcile_total{controller=\"testrun\",result=\"success\"}", metrics, StringComparison.Ordinal);

        // The environment stays for the TTL; deleting the run first removes it, through the finalizer.
        var environment = $"netra-run-{created.Metadata.Uid[..8]}";
        Assert.True(await bed.NamespaceExistsAsync(environment), "the namespace stays for ttlSecondsAfterFinished");
        await bed.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, "compiled");
        await Eventually.WaitUntilAsync(async () => await bed.ReadRunAsync(ns, "compiled") is null, "the run deleted past its finalizer", OperatorTestBed.Deadline);
        var namespaceObject = (await bed.Admin.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={environment}")).Items.SingleOrDefault();
        Assert.True(namespaceObject is null || namespaceObject.Metadata.DeletionTimestamp is not null, "environment namespace deleted");
        process.ThrowIfExited();
    }

    [Fact]
    public async Task Of_two_compiled_instances_one_leads_and_the_other_takes_over_when_the_leader_is_killed()
    {
        var lease = $"handover-{Guid.NewGuid():N}"[..20];
        var first = StartImage(lease, "first", ControlPlane.FreeLoopbackPort());
        await using var second = StartImage(lease, "second", ControlPlane.FreeLoopbackPort());
        try
        {
            string? holder = null;
            await Eventually.WaitUntilAsync(async () => (holder = await bed.LeaseHolderAsync(lease)) is "first" or "second", "a leader elected", OperatorTestBed.Deadline);
            var (leader, follower, followerName) = holder == "first" ? (first, second, "second") : (second, first, "first");

            // Killed, not stopped: the Lease is not released and has to expire.
            await leader.DisposeAsync();
            await Eventually.WaitUntilAsync(async () => await bed.LeaseHolderAsync(lease) == followerName, "the other instance holds the Lease", OperatorTestBed.Deadline);
            var ns = await bed.CreateNamespaceAsync("handover");
            await bed.CreateRunAsync(ns, """
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: after-handover}
                spec:
                  environment: {mode: Existing}
                """);

            await Eventually.WaitUntilAsync(async () => (await bed.ReadRunAsync(ns, "after-handover"))?.Status is not null, "the run reconciled by the new leader", OperatorTestBed.Deadline);
            follower.ThrowIfExited();
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public Task SIGTERM_to_the_compiled_leader_stops_it_within_two_seconds_and_hands_its_Lease_over_at_once() =>
        SigtermHandover.AssertAsync(bed, Binary());

    [Fact]
    public Task SIGTERM_to_the_last_compiled_instance_clears_the_Lease_holder() =>
        SigtermHandover.AssertLeaseClearedAsync(bed, Binary());

    /// <summary>The chart's pre-delete hook runs the image's <c>uninstall</c> beside its <c>serve</c>, as the operator.</summary>
    [Fact]
    public async Task The_compiled_uninstall_deletes_every_schedule_and_run_while_the_compiled_operator_cleans_up_after_them()
    {
        await using var process = StartImage($"image-{Guid.NewGuid():N}"[..20], "image", ControlPlane.FreeLoopbackPort());
        var (ns, environment) = await UninstallScene.CreateAsync(bed, "image-uninstall");
        var kubeconfig = bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken);

        var exit = await CommandProcess.RunFileAsync(
            Binary(), ["uninstall", "--kubeconfig", kubeconfig, "--timeout", "60s"], OperatorTestBed.Deadline);

        Assert.True(exit.Code == 0, exit.ToString());
        Assert.Contains(exit.StderrLines, line => line.Contains($"{ns}/{UninstallScene.Schedule}", StringComparison.Ordinal)
            && line.Contains($"{ns}/{UninstallScene.Run}", StringComparison.Ordinal));
        Assert.EndsWith("none is left.", exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.Null(await bed.ReadRunAsync(ns, UninstallScene.Run));
        Assert.True(await UninstallScene.EnvironmentDeletedAsync(bed, environment), "the compiled operator deleted the run's namespace");
        process.ThrowIfExited();
    }

    private ChildProcess StartImage(string lease, string identity, int metricsPort) =>
        bed.StartOperatorProcess(lease, identity, metricsPort, Binary());

    private static string Binary()
    {
        Assert.True(File.Exists(Repository.OperatorImageBinary),
            $"{Repository.OperatorImageBinary} is missing: publish it with `dotnet publish src/OperatorImage -c Release` "
                + "(tests/run.sh does).");
        return Repository.OperatorImageBinary;
    }

    /// <summary>Waits for the phase; if the operator died meanwhile, says so with its last output.</summary>
    private async Task<TestRun> WaitForPhaseAsync(ChildProcess process, string ns, string name, string phase)
    {
        try
        {
            return await bed.WaitForPhaseAsync(ns, name, phase);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"TestRun {ns}/{name} did not reach {phase}; the operator's last output:\n{process.Tail()}");
        }
    }
}
