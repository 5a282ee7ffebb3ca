using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Tests.Charts;
using Netra.Operator.Tests.TestRuns;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>What the installer's policy refuses, as a table: a spec change → the violation named, or none.</summary>
public sealed class TenantPolicyCheckTests
{
    private static readonly ControllerSettings Settings = new()
    {
        Policy = new TenantPolicy { EndpointHosts = ["*.svc.cluster.local"], MaxTimeout = TimeSpan.FromHours(3) },
    };

    public static TheoryData<string, Action<TestRun>, string?> Cases => new()
    {
        { "the defaults", _ => { }, null },
        { "another tag of the operator's probe image", r => r.Spec.Probe = new ProbeSpec { Image = "ghcr.io/netra/netra-probes:0.2.0" }, null },
        { "an image of the author's choosing", r => r.Spec.Probe = new ProbeSpec { Image = "evil.example/exfiltrate:1" }, "spec.probe.image 'evil.example/exfiltrate:1'" },
        { "the bundled chart named", r => r.Spec.Environment.Charts = new ChartsSpec { Auth = new ChartSpec { Chart = "bundled" } }, null },
        { "a chart of the author's choosing", r => r.Spec.Environment.Charts = new ChartsSpec { Agent = new ChartSpec { Chart = "oci://evil.example/agent" } }, "spec.charts.agent.chart 'oci://evil.example/agent'" },
        { "a timeout within the maximum", r => r.Spec.Timeout = "3h", null },
        { "timeout 99999h", r => r.Spec.Timeout = "99999h", "spec.timeout 99999h is longer than the operator allows (3h0m0s)" },
        { "an image by digest with another reference after the @", r => r.Spec.Probe = new ProbeSpec { Image = "ghcr.io/netra/netra-probes@evil.example/x:1" }, "spec.probe.image" },
        { "probe resources within the maximum", r => r.Spec.Probe = Resources("limits", "memory", "1Gi"), null },
        { "probe memory beyond the maximum", r => r.Spec.Probe = Resources("limits", "memory", "64Gi"), "spec.probe.resources.limits.memory 64Gi is more than the operator allows (2Gi)" },
        { "probe CPU beyond the maximum", r => r.Spec.Probe = Resources("requests", "cpu", "64"), "spec.probe.resources.requests.cpu 64 is more than the operator allows (2)" },
        { "a probe GPU", r => r.Spec.Probe = Resources("limits", "nvidia.com/gpu", "1"), "spec.probe.resources.limits.nvidia.com/gpu is not a resource probes may ask for" },
    };

    /// <summary>Helm values a tenant sends (YAML flow), and the key refused, or none.</summary>
    public static TheoryData<string, string?> Values => new()
    {
        { "{config: {Backend__MaxFrameBytes: \"16\"}, logLevel: Debug}", null },
        { "{resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: \"2\", memory: 4Gi}}}", null },
        { "{image: {registry: evil.example, repository: exfiltrate}}", "values.image.registry is not a value runs may set" },
        { "{secretName: netra-pull-secret}", "values.secretName is not a value runs may set" },
        { "{networkPolicy: {extraEgress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}}", "values.networkPolicy.extraEgress is not a value runs may set" },
        { "{tolerations: [{operator: Exists}]}", "values.tolerations is not a value runs may set" },
        { "{nodeSelector: {node-role.kubernetes.io/control-plane: \"\"}}", "values.nodeSelector.node-role.kubernetes.io/control-plane is not a value" },
        { "{imagePullSecrets: [{name: other}]}", "values.imagePullSecrets is not a value runs may set" },
        { "{extraArgs: [--urls=http://0.0.0.0:1]}", "values.extraArgs is not a value runs may set" },
        { "{config: {DOTNET_STARTUP_HOOKS: /tmp/x.dll}}", "values.config.DOTNET_STARTUP_HOOKS is not a service setting" },
        { "{config: {ASPNETCORE_ENVIRONMENT: Production}}", "values.config.ASPNETCORE_ENVIRONMENT is not a service setting" },
        { "{config: {Nested: {Deeper: x}}}", "values.config.Nested.Deeper is not a value runs may set" },
        { "{resources: {limits: {memory: 64Gi}}}", "values.resources.limits.memory 64Gi is more than the operator allows (4Gi)" },
        { "{resources: {limits: {cpu: \"64\"}}}", "values.resources.limits.cpu 64 is more than the operator allows (2)" },
        { "{resources: {limits: {cpu: lots}}}", "values.resources.limits.cpu 'lots' is not a quantity" },
        { "{resources: {limits: {nvidia.com/gpu: 1}}}", "values.resources.limits.nvidia.com/gpu is not a value runs may set" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Chart_values_pass_only_for_the_keys_the_installer_lets_tenants_set(string values, string? violation) =>
        Check(values, Runs.Ephemeral(r => r.Spec.Environment.Charts = new ChartsSpec
        {
            Backend = new ChartSpec { Values = YamlNodes.Load(values)!.AsObject() },
        }), violation);

    [Fact]
    public void An_installer_may_allow_more_keys_and_the_local_run_allows_any()
    {
        var run = Runs.Ephemeral(r => r.Spec.Environment.Charts = new ChartsSpec
        {
            Auth = new ChartSpec { Values = new System.Text.Json.Nodes.JsonObject { ["image"] = new System.Text.Json.Nodes.JsonObject { ["registry"] = "localhost:5001" } } },
        });
        var spec = TestRunDefaults.Resolve(run.Spec);

        Assert.Single(TenantPolicyCheck.Violations(spec, Settings));
        Assert.Empty(TenantPolicyCheck.Violations(spec, Settings with { Policy = Settings.Policy with { ChartValues = ["image.registry"] } }));
        Assert.Empty(TenantPolicyCheck.Violations(spec, Settings with { Policy = TenantPolicy.Unrestricted }));
    }

    private static ProbeSpec Resources(string kind, string name, string quantity)
    {
        var amounts = new Dictionary<string, k8s.Models.ResourceQuantity> { [name] = new(quantity) };
        return new ProbeSpec
        {
            Resources = kind == "limits" ? new k8s.Models.V1ResourceRequirements { Limits = amounts } : new k8s.Models.V1ResourceRequirements { Requests = amounts },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_ephemeral_spec_is_refused_for_what_the_installer_does_not_allow(string situation, Action<TestRun> change, string? violation) =>
        Check(situation, Runs.Ephemeral(change), violation);

    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "cluster services", "http://netra-auth.prod.svc.cluster.local:8080", null },
        { "a host of the author's choosing", "https://collector.attacker.example", "endpoints.authUrl host 'collector.attacker.example'" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void An_existing_run_may_send_credentials_only_to_allowed_hosts(string situation, string authUrl, string? violation) =>
        Check(situation, Runs.Existing(r => r.Spec.Environment.Endpoints!.AuthUrl = authUrl), violation, allowTestHosts: true);

    [Fact]
    public void Without_a_list_of_hosts_any_endpoint_is_allowed() =>
        Assert.Empty(TenantPolicyCheck.Violations(TestRunDefaults.Resolve(Runs.Existing().Spec), new ControllerSettings()));

    private static void Check(string situation, TestRun run, string? violation, bool allowTestHosts = false)
    {
        var settings = allowTestHosts ? Settings with { Policy = Settings.Policy with { EndpointHosts = ["*.svc.cluster.local", "*.test"] } } : Settings;
        var violations = TenantPolicyCheck.Violations(TestRunDefaults.Resolve(run.Spec), settings);
        if (violation is null)
        {
            Assert.True(violations.Count == 0, $"{situation}: {string.Join(" ", violations)}");
        }
        else
        {
            Assert.Contains(violations, v => v.Contains(violation, StringComparison.Ordinal));
        }
    }
}
