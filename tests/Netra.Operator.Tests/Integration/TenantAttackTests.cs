using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Local;
using Netra.Probes.Contract;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The attacks of a tenant that may create TestRuns in its namespace and nothing else, sent through its own
/// ServiceAccount's token to the operator running under the chart's RBAC: each is refused or bounded.
/// </summary>
public sealed class TenantAttackTests(OperatorTestBedFixture bed) : WithOperator(bed, "tenant", Policy)
{
    private static readonly ControllerSettings Policy = OperatorTestBed.Defaults with
    {
        Policy = new TenantPolicy { EndpointHosts = ["127.0.0.1"], MaxActiveRunsPerNamespace = 2, MaxTimeout = TimeSpan.FromHours(3) },
    };

    public static TheoryData<string, string, string> Refused => new()
    {
        { "an image of its choosing", "probe: {image: \"evil.example/exfiltrate:1\"}", Reasons.NotAllowed },
        { "credentials sent to a host of its choosing", "environment: {mode: Existing, endpoints: {authUrl: \"http://collector.attacker.example\", backendUrl: \"http://127.0.0.1:1\", agentUrl: \"http://127.0.0.1:1\"}}", Reasons.NotAllowed },
        { "a chart of its choosing", "environment: {charts: {auth: {chart: \"oci://evil.example/charts/auth\"}}}", Reasons.NotAllowed },
        { "a timeout of 99999h", "timeout: 99999h", Reasons.NotAllowed },
        { "a Secret name the API server refuses", $"environment: {{mode: Existing, endpoints: {OperatorTestBed.UnreachableEndpoints}, credentialsSecretRef: {{name: Bad_Name}}}}", Reasons.InvalidSpec },
        { "chart values naming an image", "environment: {charts: {auth: {values: {image: {registry: evil.example, repository: exfiltrate}}}}}", Reasons.NotAllowed },
        { "chart values mounting the copied pull secret", "environment: {charts: {backend: {values: {secretName: netra-pull-secret}}}}", Reasons.NotAllowed },
        { "chart values opening egress to 0.0.0.0/0", "environment: {charts: {agent: {values: {networkPolicy: {extraEgress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}}}}}", Reasons.NotAllowed },
        { "chart values tolerating every taint", "environment: {charts: {agent: {values: {tolerations: [{operator: Exists}]}}}}", Reasons.NotAllowed },
        { "chart values placing pods on the control plane", "environment: {charts: {agent: {values: {nodeSelector: {node-role.kubernetes.io/control-plane: \"\"}}}}}", Reasons.NotAllowed },
        { "a runtime variable as a setting", "environment: {charts: {auth: {values: {config: {DOTNET_STARTUP_HOOKS: /tmp/hook.dll}}}}}", Reasons.NotAllowed },
        { "a container of 64 CPUs", "environment: {charts: {auth: {values: {resources: {limits: {cpu: \"64\"}}}}}}", Reasons.NotAllowed },
        { "an image reference with a second one after the @", "probe: {image: \"ghcr.io/netra/netra-probes@evil.example/exfiltrate:1\"}", Reasons.NotAllowed },
        { "probe resources beyond the installer's maximum", "probe: {resources: {limits: {memory: 64Gi}}}", Reasons.NotAllowed },
        { "a timeout of 2000000000h", "timeout: 2000000000h", Reasons.InvalidSpec },
        { "values of 40 KiB", $"environment: {{charts: {{auth: {{values: {{config: {{Big__Value: \"{new string('x', 40 * 1024)}\"}}}}}}}}}}", Reasons.InvalidSpec },
    };

    public static TheoryData<string, string> RefusedByTheApiServer => new()
    {
        { "a time to live beyond an int", "ttlSecondsAfterFinished: 99999999999" },
        { "a time to live beyond a year", "ttlSecondsAfterFinished: 31536001" },
        { "a timeout of 40 characters", "timeout: 1000000000000000000000000000000000000h" },
        { "an image of 1,000 characters", $"probe: {{image: \"{new string('a', 1000)}\"}}" },
        { "100 top-level chart values", $"environment: {{charts: {{auth: {{values: {{{string.Join(", ", Enumerable.Range(1, 100).Select(i => $"k{i}: v"))}}}}}}}}}" },
        { "an endpoint URL of 3,000 characters", $"environment: {{mode: Existing, endpoints: {{authUrl: \"http://a/{new string('a', 3000)}\", backendUrl: \"http://b\", agentUrl: \"http://c\"}}}}" },
    };

    [Theory]
    [MemberData(nameof(RefusedByTheApiServer))]
    public async Task A_run_beyond_the_crds_bounds_is_refused_by_the_api_server(string attack, string spec)
    {
        var ns = await Bed.CreateNamespaceAsync("tenant");
        using var tenant = await TenantAccount.CreateAsync(Bed.Cp, ns, "ci");

        var manifest = YamlNodes.Load($$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: too-large}
            spec:
              scenarios: [auth-service-independence]
              {{spec}}
            """)!;

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            tenant.CustomObjects.CreateNamespacedCustomObjectAsync(manifest, TestRun.Group, TestRun.Version, ns, TestRun.Plural));

        Assert.True(refused.Response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{attack}: {refused.Response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_run_asking_for_what_the_installer_does_not_allow_ends_at_once_with_no_job(string attack, string spec, string reason)
    {
        var ns = await Bed.CreateNamespaceAsync("tenant");
        using var tenant = await TenantAccount.CreateAsync(Bed.Cp, ns, "ci");

        await CreateAsync(tenant, ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: attack}
            spec:
              scenarios: [auth-service-independence]
              {{spec}}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "attack", Phases.Failed);
        Assert.True(reason == run.Status!.Conditions.Find(ConditionTypes.Finished)!.Reason, attack);
        Assert.Empty((await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items);
        Assert.Empty((await Bed.Admin.CoreV1.ListNamespaceAsync(labelSelector: $"{ChildNames.RunUidLabel}={run.Metadata.Uid}")).Items);
    }

    [Fact]
    public async Task A_tenant_refused_secrets_cannot_read_another_secret_through_the_probe_pod()
    {
        var ns = await Bed.CreateNamespaceAsync("tenant");
        using var tenant = await TenantAccount.CreateAsync(Bed.Cp, ns, "ci");
        await Bed.Admin.CoreV1.CreateNamespacedSecretAsync(
            new() { Metadata = new() { Name = "db" }, StringData = new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2-db" } }, ns);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => tenant.CoreV1.ReadNamespacedSecretAsync("db", ns));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);

        await CreateAsync(tenant, ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: steal}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                endpoints: {{OperatorTestBed.UnreachableEndpoints}}
                credentialsSecretRef: {name: db}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "steal", Phases.Failed);
        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.PreflightFailed, finished.Reason);
        Assert.Contains($"couldn't find key {CredentialVariables.User} in Secret {ns}/db", finished.Message, StringComparison.Ordinal);
        var pod = Assert.Single((await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items).Spec.Template.Spec.Containers.Single();
        Assert.Null(pod.EnvFrom);
        Assert.All(pod.Env, e => Assert.StartsWith("NETRA_PROBES_", e.ValueFrom.SecretKeyRef.Key, StringComparison.Ordinal));
        var events = (await Bed.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items.Select(e => e.Message);
        Assert.DoesNotContain("hunter2", JsonSerializer.Serialize(run.Status) + string.Join('\n', events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_beyond_the_cap_wait_queued_first_come_first_served_and_all_finish()
    {
        var ns = await Bed.CreateNamespaceAsync("tenant");
        using var tenant = await TenantAccount.CreateAsync(Bed.Cp, ns, "ci");
        var names = Enumerable.Range(1, 6).Select(i => $"burst-{i}").ToList();
        foreach (var name in names)
        {
            await CreateAsync(tenant, ns, $$"""
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: {{name}}}
                spec:
                  scenarios: [auth-service-independence]
                  environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
                """);
        }

        var mostInProgress = 0;
        var queuedSeen = false;
        await Eventually.WaitUntilAsync(async () =>
        {
            var runs = await Task.WhenAll(names.Select(name => Bed.ReadRunAsync(ns, name)));
            var inProgress = runs.Count(r => r?.Status is { StartTime: not null, Phase: not (Phases.Succeeded or Phases.Failed) });
            mostInProgress = Math.Max(mostInProgress, inProgress);
            queuedSeen |= runs.Any(r => r?.Status?.Conditions.Find(ConditionTypes.Ready)?.Reason == Reasons.Queued);
            return runs.All(r => r?.Status?.Phase == Phases.Failed);
        }, "every run of the burst finished", TimeSpan.FromSeconds(120));

        Assert.InRange(mostInProgress, 1, 2);
        Assert.True(queuedSeen, "some run waited with reason Queued");
    }

    private static async Task CreateAsync(Kubernetes client, string ns, string yaml) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(TestRunManifest.Parse(yaml, "attack.yaml"), TestRun.Group, TestRun.Version, ns, TestRun.Plural);
}
