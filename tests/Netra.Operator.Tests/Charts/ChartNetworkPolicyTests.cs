using k8s.Models;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The service charts' NetworkPolicies: deny by default, select the chart's own pods, take requests on
/// the service's named port from the namespace, from the operator's probe pods wherever they run (and
/// configured peers), and allow only DNS and the
/// contract's calls out: backend to auth and agent, agent to auth, auth to nothing.
/// </summary>
public sealed class ChartNetworkPolicyTests
{
    public static TheoryData<string> Services => [.. HelmChart.ServiceCharts];

    public static TheoryData<string, string[]> CallsOut => new()
    {
        { "netra-auth", [] },
        { "netra-agent", ["netra-auth"] },
        { "netra-backend", ["netra-auth", "netra-agent"] },
    };

    [Theory]
    [MemberData(nameof(CallsOut))]
    public void Each_service_takes_requests_from_its_namespace_and_calls_only_the_services_the_contract_names(string chart, string[] callees)
    {
        var objects = new HelmChart(chart).Render();
        var policy = HelmChart.OfKind<V1NetworkPolicy>(objects, "NetworkPolicy");
        var pods = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template;

        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.All(policy.Spec.PodSelector.MatchLabels, label => Assert.Equal(label.Value, pods.Metadata.Labels[label.Key]));
        var ingress = Assert.Single(policy.Spec.Ingress);
        Assert.Equal("http", Assert.Single(ingress.Ports).Port.Value);
        Assert.Equal(2, ingress.FromProperty.Count);
        var (sameNamespace, probes) = (ingress.FromProperty[0], ingress.FromProperty[1]);
        Assert.True(sameNamespace is { PodSelector.MatchLabels: null or { Count: 0 }, NamespaceSelector: null }, "every pod of the namespace");
        Assert.True(probes.NamespaceSelector is { MatchLabels: null or { Count: 0 } }, "probes from any namespace");
        Assert.Equal(new Dictionary<string, string> { [ChildNames.ComponentLabel] = ChildNames.ProbeComponent }, probes.PodSelector.MatchLabels);

        var dns = policy.Spec.Egress[0];
        var cluster = Assert.Single(dns.To);
        Assert.Equal("kube-system", cluster.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("kube-dns", cluster.PodSelector.MatchLabels["k8s-app"]);
        Assert.Equal(["53/TCP", "53/UDP"], dns.Ports.Select(port => $"{port.Port.Value}/{port.Protocol}").Order(StringComparer.Ordinal));
        var calls = policy.Spec.Egress.Skip(1).ToList();
        Assert.Equal(callees, calls.SelectMany(rule => rule.To).Select(to => to.PodSelector.MatchLabels["app.kubernetes.io/name"]));
        Assert.All(calls, rule => Assert.Equal("http", Assert.Single(rule.Ports).Port.Value));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_port_the_policies_name_is_the_named_container_port_of_every_service(string chart)
    {
        var pods = HelmChart.OfKind<V1Deployment>(new HelmChart(chart).Render(), "Deployment").Spec.Template;

        Assert.Equal("http", Assert.Single(pods.Spec.Containers[0].Ports).Name);
    }

    [Theory]
    [MemberData(nameof(CallsOut))]
    public void Without_the_namespace_and_peers_nothing_comes_in_and_configured_peers_and_egress_are_added(string chart, string[] callees)
    {
        var closed = HelmChart.OfKind<V1NetworkPolicy>(
            new HelmChart(chart).Render("networkPolicy: {ingress: {fromNamespace: false, fromProbes: false}}"), "NetworkPolicy");
        var opened = HelmChart.OfKind<V1NetworkPolicy>(new HelmChart(chart).Render("""
            networkPolicy:
              ingress: {from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]}
              extraEgress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 443, protocol: TCP}]}]
            """), "NetworkPolicy");

        Assert.True(closed.Spec.Ingress is null or { Count: 0 }, "no ingress rule: all denied");
        Assert.Equal(3, Assert.Single(opened.Spec.Ingress).FromProperty.Count);
        Assert.Equal("monitoring", opened.Spec.Ingress[0].FromProperty[2].NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal(callees.Length == 0 ? 2 : 3, opened.Spec.Egress.Count);
        Assert.Equal("10.0.0.0/8", opened.Spec.Egress[^1].To[0].IpBlock.Cidr);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void It_can_be_turned_off(string chart)
    {
        Assert.DoesNotContain(new HelmChart(chart).Render("networkPolicy: {enabled: false}"), item => (string?)item["kind"] == "NetworkPolicy");
    }
}
