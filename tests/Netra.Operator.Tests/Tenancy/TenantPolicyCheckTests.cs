using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Tests.Controller;

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
    };

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
