using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart's <c>gate</c> values: off by default (no port, Service or review permissions); on, the operator
/// serves it on every replica behind <c>&lt;fullname&gt;-gate</c>, may create TokenReviews and SubjectAccessReviews,
/// and speaks HTTPS with a mounted TLS Secret when one is named.
/// </summary>
public sealed class OperatorChartGateTests
{
    private const string Enabled = "gate: {enabled: true, tls: {secretName: gate-tls}, reportUrl: \"https://reports.example.com/{namespace}/{name}\"}";
    private static readonly HelmChart Operator = new("netra-operator");

    [Fact]
    public void By_default_there_is_no_gate()
    {
        var objects = Operator.Render();

        Assert.Null(OperatorServeArgs.Parse(objects).Gate);
        Assert.DoesNotContain(objects, item => (string?)item["metadata"]!["name"] == "netra-operator-gate");
        Assert.DoesNotContain(ReviewRules(objects), rule => rule.Contains("reviews", StringComparison.Ordinal));
    }

    [Fact]
    public void Enabled_the_operator_serves_it_with_the_mounted_certificate_and_may_review_callers()
    {
        var objects = Operator.Render(Enabled);

        var gate = OperatorServeArgs.Parse(objects).Gate!;
        Assert.Equal(
            (8443, "/etc/netra/gate-tls/tls.crt", "/etc/netra/gate-tls/tls.key", "https://reports.example.com/{namespace}/{name}"),
            (gate.Port, gate.TlsCertificateFile, gate.TlsKeyFile, gate.ReportUrl));
        var pod = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec;
        Assert.Contains(pod.Containers[0].Ports, port => port.Name == "gate" && port.ContainerPort == 8443);
        var mount = Assert.Single(pod.Containers[0].VolumeMounts);
        Assert.Equal(("/etc/netra/gate-tls", true), (mount.MountPath, mount.ReadOnlyProperty == true));
        Assert.Equal("gate-tls", Assert.Single(pod.Volumes, volume => volume.Name == mount.Name).Secret.SecretName);
        PodSecurityRestricted.AssertMet(pod);
        Assert.Equal(
            ["authentication.k8s.io/tokenreviews create", "authorization.k8s.io/subjectaccessreviews create"],
            ReviewRules(objects).Where(rule => rule.Contains("reviews", StringComparison.Ordinal)));
    }

    [Fact]
    public void Enabled_its_Service_reaches_every_replica_on_the_gate_port()
    {
        var objects = Operator.Render(Enabled);

        var service = KubernetesJson.Deserialize<V1Service>(
            objects.Single(item => (string?)item["kind"] == "Service" && (string?)item["metadata"]!["name"] == "netra-operator-gate").ToJsonString());
        var deployment = HelmChart.OfKind<V1Deployment>(objects, "Deployment");
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((8443, "gate"), (port.Port, port.TargetPort.Value));
        Assert.Equal(deployment.Spec.Selector.MatchLabels, service.Spec.Selector);
    }

    [Fact]
    public void Without_a_TLS_Secret_the_gate_speaks_plain_HTTP_and_mounts_nothing()
    {
        var objects = Operator.Render("gate: {enabled: true}");

        Assert.False(OperatorServeArgs.Parse(objects).Gate!.Tls);
        Assert.Null(HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Volumes);
    }

    private static IEnumerable<string> ReviewRules(IReadOnlyList<JsonObject> objects)
    {
        var role = KubernetesJson.Deserialize<V1ClusterRole>(
            objects.Single(item => (string?)item["kind"] == "ClusterRole" && (string?)item["metadata"]!["name"] == "netra-operator")
                .ToJsonString());
        return role.Rules.SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource =>
            rule.Verbs.Select(verb => $"{group}/{resource} {verb}"))));
    }
}
