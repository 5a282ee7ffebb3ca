namespace Netra.Operator.Tests.Charts;

/// <summary>The operator chart's security values reach the operator as it parses them, and its admission policies install where they can.</summary>
public sealed class OperatorChartSecurityTests
{
    private const string AdmissionApi = "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy";

    [Fact]
    public void The_tenancy_values_become_the_operators_policy_through_its_own_command_line()
    {
        var objects = new HelmChart("netra-operator").Render("""
            probePreflightBudget: 2m
            tenancy:
              allowedProbeImages: [registry.example.com/team/]
              allowedCharts: ["oci://registry.example.com/charts/"]
              allowedEndpointHosts: ["*.prod.svc.cluster.local"]
              maxTimeout: 1h
              maxActiveRuns: 7
              maxActiveRunsPerNamespace: 3
              maxEnvironmentLifetime: 2h
              environmentQuota: {pods: "10"}
            """);

        var settings = OperatorServeArgs.Parse(objects).Controller;

        Assert.Equal(["registry.example.com/team/"], settings.Policy.ProbeImages);
        Assert.Equal(["oci://registry.example.com/charts/"], settings.Policy.Charts);
        Assert.Equal(["*.prod.svc.cluster.local"], settings.Policy.EndpointHosts);
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(2)), (settings.Policy.MaxTimeout, settings.Policy.MaxEnvironmentLifetime));
        Assert.Equal((7, 3), (settings.Policy.MaxActiveRuns, settings.Policy.MaxActiveRunsPerNamespace));
        Assert.Equal("10", settings.Limits.Quota["pods"]);
        Assert.Equal("0", settings.Limits.Quota["services.loadbalancers"]);
        Assert.Equal(new("netra", "netra-operator"), settings.OperatorAccount);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ProbePreflightBudget);
    }

    public static TheoryData<string, bool, bool> Installs => new()
    {
        { "auto", true, true },
        { "auto", false, false },
        { "always", false, true },
        { "never", true, false },
    };

    [Theory]
    [MemberData(nameof(Installs))]
    public void The_admission_policies_install_where_the_cluster_serves_them_unless_told(string install, bool served, bool installed)
    {
        var objects = new HelmChart("netra-operator").Render($"admissionPolicy: {{install: {install}}}", served ? [AdmissionApi] : []);

        Assert.Equal(installed ? 3 : 0, objects.Count(o => (string?)o["kind"] == "ValidatingAdmissionPolicy"));
        Assert.Equal(installed ? 3 : 0, objects.Count(o => (string?)o["kind"] == "ValidatingAdmissionPolicyBinding"));
    }

    [Fact]
    public void The_operators_writes_policy_applies_to_its_own_account_and_the_allowed_images()
    {
        var objects = new HelmChart("netra-operator").Render(
            "tenancy: {allowedProbeImages: [registry.example.com/team/]}", [AdmissionApi]);
        var writes = objects.Single(o => (string?)o["metadata"]!["name"] == "netra-operator-writes" && (string?)o["kind"] == "ValidatingAdmissionPolicy");

        Assert.Equal("request.userInfo.username == 'system:serviceaccount:netra:netra-operator'", (string?)writes["spec"]!["matchConditions"]![0]!["expression"]);
        var images = writes["spec"]!["variables"]!.AsArray().Single(v => (string?)v!["name"] == "allowedProbeImages")!;
        Assert.Equal("[\"registry.example.com/team/\", \"ghcr.io/netra/netra-probes:0.1.0\"]", (string?)images["expression"]);
        var validations = writes["spec"]!["validations"]!.AsArray().Select(v => (string?)v!["expression"]).ToList();
        Assert.Contains(validations, v => v!.Contains("netra-operator-environment", StringComparison.Ordinal));
        Assert.Contains(validations, v => v!.Contains("automountServiceAccountToken == false", StringComparison.Ordinal));
    }
}
