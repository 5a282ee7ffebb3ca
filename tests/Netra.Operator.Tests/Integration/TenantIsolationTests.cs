using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Local;
using Netra.Operator.Tests.Charts;
using Netra.Probes.Contract;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// Issue 24's attacks, each sent by a tenant through its own ServiceAccount's token to the operator under the chart's
/// RBAC: one tenant's runs, schedules and Secrets cannot stop, read or spend another's, and what the operator is sent or
/// told is bounded. Each test also shows another tenant's run going on.
/// </summary>
public sealed class TenantIsolationTests(OperatorTestBedFixture bed) : WithOperator(bed, "isolation", Settings)
{
    private static readonly ControllerSettings Settings = OperatorTestBed.Defaults with
    {
        Policy = new TenantPolicy { EndpointHosts = ["127.0.0.1"], MaxActiveRunsPerNamespace = 1, MaxActiveRuns = 2 },
    };

    [Fact]
    public async Task Twenty_runs_whose_timeout_overflows_end_invalid_and_hold_no_one()
    {
        var poisoned = await TenantAsync("poison");
        var other = await TenantAsync("other");
        var names = Enumerable.Range(1, 20).Select(i => $"poison-{i}").ToList();
        foreach (var name in names)
        {
            await CreateAsync(poisoned, name, $"timeout: 2000000000h\n  environment: {{mode: Existing, endpoints: {OperatorTestBed.UnreachableEndpoints}}}");
        }

        await CreateAsync(other, "innocent", $"environment: {{mode: Existing, endpoints: {OperatorTestBed.UnreachableEndpoints}}}");

        var innocent = await Bed.WaitForPhaseAsync(other.Ns, "innocent", Phases.Failed);
        Assert.Equal(Reasons.PreflightFailed, innocent.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason);
        Assert.NotNull(innocent.Status.StartTime);
        foreach (var name in names)
        {
            var run = await Bed.WaitForPhaseAsync(poisoned.Ns, name, Phases.Failed);
            var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
            Assert.Equal(Reasons.InvalidSpec, finished.Reason);
            Assert.Contains("spec.timeout", finished.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_namespace_whose_runs_wait_for_its_own_cap_does_not_hold_another_tenants_run()
    {
        using var hanging = new TcpListener(IPAddress.Loopback, 0);
        hanging.Start(backlog: 64);
        var port = ((IPEndPoint)hanging.LocalEndpoint).Port;
        var slow = $"{{authUrl: \"http://127.0.0.1:{port}\", backendUrl: \"http://127.0.0.1:{port}\", agentUrl: \"http://127.0.0.1:{port}\"}}";
        var busy = await TenantAsync("busy");
        var quiet = await TenantAsync("quiet");
        var names = Enumerable.Range(1, 5).Select(i => $"busy-{i}").ToList();
        foreach (var name in names)
        {
            // A short timeout: the preflight waits half of it for services that never answer, so the queue drains in minutes.
            await CreateAsync(busy, name, $"timeout: 40s\n  environment: {{mode: Existing, endpoints: {slow}}}");
        }

        await CreateAsync(quiet, "single", $"environment: {{mode: Existing, endpoints: {OperatorTestBed.UnreachableEndpoints}}}");

        string? busyReason = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var waiting = await Bed.ReadRunAsync(busy.Ns, names[^1]);
            busyReason ??= waiting?.Status?.Conditions.Find(ConditionTypes.Ready) is { Reason: Reasons.Queued } ready ? ready.Message : null;
            return (await Bed.ReadRunAsync(quiet.Ns, "single"))?.Status?.StartTime is not null;
        }, "the quiet tenant's run started", OperatorTestBed.Deadline);
        var single = (await Bed.ReadRunAsync(quiet.Ns, "single"))!;
        var last = await Bed.WaitForPhaseAsync(busy.Ns, names[^1], Phases.Failed, TimeSpan.FromMinutes(3));

        Assert.True(single.Status!.StartTime < last.Status!.StartTime, "the quiet tenant's run started before the busy namespace's queue drained");
        Assert.StartsWith($"Queued for namespace {busy.Ns}", busyReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_may_watch_only_its_own_namespace_and_may_not_fire_every_second()
    {
        var victim = await Bed.CreateNamespaceAsync("victim");
        await Bed.CreateDeploymentAsync(victim, "payments", "payments:1", new Dictionary<string, string>());
        var tenant = await TenantAsync("spy");

        await CreateScheduleAsync(tenant, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRunSchedule
            metadata: {name: spy}
            spec:
              triggers:
                rollouts:
                  namespaces: [{{victim}}, kube-system]
            {{ScheduleBed.FailingTemplate}}
            """);
        await CreateScheduleAsync(tenant, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRunSchedule
            metadata: {name: flood}
            spec:
              schedule: "* * * * * *"
              concurrencyPolicy: Allow
            {{ScheduleBed.FailingTemplate}}
            """);

        foreach (var (name, problem) in new[] { ("spy", $"'{victim}' is not a namespace this schedule may watch"), ("flood", "fires 1s apart") })
        {
            var schedule = await Bed.WaitForScheduleAsync(
                tenant.Ns, name, s => s.Status?.Conditions.Find(ConditionTypes.Ready)?.Reason == Reasons.InvalidSpec, $"schedule {name} refused");
            Assert.Contains(problem, schedule.Status!.Conditions.Find(ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
            Assert.Empty(schedule.Status.Workloads);
        }

        Assert.DoesNotContain("payments", System.Text.Json.JsonSerializer.Serialize((await Bed.ReadScheduleAsync(tenant.Ns, "spy")).Status));
        Assert.Empty(await Bed.ScheduledRunsAsync(tenant.Ns, "flood"));
    }

    [Fact]
    public async Task Credentials_go_only_to_the_hosts_their_secrets_owner_lists_and_nothing_reaches_another()
    {
        using var collector = new TcpListener(IPAddress.Loopback, 0);
        collector.Start();
        var accepted = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var connection = await collector.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
            }
        });
        var port = ((IPEndPoint)collector.LocalEndpoint).Port;
        var tenant = await TenantAsync("creds");
        await Bed.Admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "prod-probes" },
            StringData = new Dictionary<string, string>
            {
                [CredentialVariables.User] = "probe", [CredentialVariables.Password] = "hunter2-prod",
                [CredentialVariables.AllowedHosts] = "*.prod.svc.cluster.local",
            },
        }, tenant.Ns);
        await Bed.Admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "old-probes" },
            StringData = new Dictionary<string, string> { [CredentialVariables.User] = "probe", [CredentialVariables.Password] = "hunter2-old" },
        }, tenant.Ns);
        var collectorUrls = $"{{authUrl: \"http://127.0.0.1:{port}\", backendUrl: \"http://127.0.0.1:{port}\", agentUrl: \"http://127.0.0.1:{port}\"}}";

        await CreateAsync(tenant, "exfiltrate", $"environment: {{mode: Existing, endpoints: {collectorUrls}, credentialsSecretRef: {{name: prod-probes}}}}");
        await CreateAsync(tenant, "unlisted", $"environment: {{mode: Existing, endpoints: {collectorUrls}, credentialsSecretRef: {{name: old-probes}}}}");

        var exfiltrate = (await Bed.WaitForPhaseAsync(tenant.Ns, "exfiltrate", Phases.Failed)).Status!.Conditions.Find(ConditionTypes.Finished)!;
        var unlisted = (await Bed.WaitForPhaseAsync(tenant.Ns, "unlisted", Phases.Failed)).Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal((Reasons.PreflightFailed, Reasons.PreflightFailed), (exfiltrate.Reason, unlisted.Reason));
        Assert.Contains("not to 127.0.0.1 (authUrl): nothing was sent", exfiltrate.Message, StringComparison.Ordinal);
        Assert.Contains($"couldn't find key {CredentialVariables.AllowedHosts}", unlisted.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref accepted));
        Assert.DoesNotContain("hunter2", exfiltrate.Message + unlisted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_results_the_api_server_refuses_still_finishes_saying_so()
    {
        var tenant = await TenantAsync("full");
        await Bed.Admin.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = "no-more-configmaps" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["configmaps"] = new("0") } },
        }, tenant.Ns);

        await CreateAsync(tenant, "unstored", "cleanup: {policy: Always}");

        var finished = (await Bed.WaitForPhaseAsync(tenant.Ns, "unstored", Phases.Succeeded)).Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Contains("Its full results were not kept: 403", finished.Message, StringComparison.Ordinal);
        Assert.Contains("exceeded quota", finished.Message, StringComparison.Ordinal);
    }

    /// <summary>A tenant's namespace and the client acting as its account (the test control plane goes with the class).</summary>
    private sealed record Tenant(string Ns, Kubernetes Client);

    private async Task<Tenant> TenantAsync(string prefix)
    {
        var ns = await Bed.CreateNamespaceAsync(prefix);
        return new Tenant(ns, await TenantAccount.CreateAsync(Bed.Cp, ns, "ci"));
    }

    private static async Task CreateAsync(Tenant tenant, string name, string spec) =>
        await tenant.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            TestRunManifest.Parse($$"""
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: {{name}}}
                spec:
                  scenarios: [auth-service-independence]
                  {{spec}}
                """, $"{name}.yaml"),
            TestRun.Group, TestRun.Version, tenant.Ns, TestRun.Plural);

    private static async Task CreateScheduleAsync(Tenant tenant, string yaml) =>
        await tenant.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            YamlNodes.Load(yaml)!, TestRun.Group, TestRun.Version, tenant.Ns, TestRunSchedule.Plural);
}
