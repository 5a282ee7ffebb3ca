using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Ui;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart's <c>ui</c> values: off by default (no port, Service, Ingress, review or ConfigMap permissions);
/// one value turns it on behind <c>&lt;fullname&gt;-ui</c>; TLS, an auth proxy's headers and an Ingress when asked for.
/// </summary>
public sealed class OperatorChartUiTests
{
    private const string Everything = """
        ui:
          enabled: true
          tls: {secretName: ui-tls}
          authProxy: {enabled: true, userHeader: X-Forwarded-User, groupHeader: X-Forwarded-Groups}
          ingress: {enabled: true, className: nginx, host: netra.example.com, tlsSecretName: netra-example-tls,
            annotations: {nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"}}
        """;

    private static readonly HelmChart Operator = new("netra-operator");

    [Fact]
    public void By_default_there_is_no_UI()
    {
        var objects = Operator.Render();

        Assert.Null(OperatorServeArgs.Parse(objects).Ui);
        Assert.DoesNotContain(objects, item => ((string?)item["metadata"]!["name"])?.EndsWith("-ui", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Rules(objects), rule => rule.Contains("reviews", StringComparison.Ordinal) || rule == "/configmaps get");
    }

    [Fact]
    public void One_value_turns_it_on_with_its_Service_and_what_it_may_read()
    {
        var objects = Operator.Render("ui: {enabled: true}");

        var ui = OperatorServeArgs.Parse(objects).Ui!;
        Assert.Equal((8082, null, null), (ui.Port, ui.TlsCertificateFile, ui.AuthProxy));
        var service = KubernetesJson.Deserialize<V1Service>(Named(objects, "Service", "netra-operator-ui").ToJsonString());
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((8082, "ui"), (port.Port, port.TargetPort.Value));
        Assert.Equal("ClientIP", service.Spec.SessionAffinity);
        Assert.Equal(HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Selector.MatchLabels, service.Spec.Selector);
        Assert.Equal(
            ["authentication.k8s.io/tokenreviews create", "authorization.k8s.io/subjectaccessreviews create", "/configmaps get"],
            Rules(objects).Where(rule => rule.Contains("reviews", StringComparison.Ordinal) || rule == "/configmaps get"));
        Assert.DoesNotContain(objects, item => (string?)item["kind"] == "Ingress");
    }

    [Fact]
    public void With_TLS_a_proxy_and_an_Ingress_the_UI_is_served_as_asked()
    {
        var objects = Operator.Render(Everything);

        var ui = OperatorServeArgs.Parse(objects).Ui!;
        Assert.Equal(("/etc/netra/ui-tls/tls.crt", "/etc/netra/ui-tls/tls.key"), (ui.TlsCertificateFile, ui.TlsKeyFile));
        Assert.Equal(new ProxyHeaders("X-Forwarded-User", "X-Forwarded-Groups"), ui.AuthProxy);
        var pod = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec;
        var mount = Assert.Single(pod.Containers[0].VolumeMounts);
        Assert.Equal("ui-tls", Assert.Single(pod.Volumes, volume => volume.Name == mount.Name).Secret.SecretName);
        PodSecurityRestricted.AssertMet(pod);
        var ingress = KubernetesJson.Deserialize<V1Ingress>(Named(objects, "Ingress", "netra-operator-ui").ToJsonString());
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal(("nginx", "netra.example.com", "netra-operator-ui", "ui"),
            (ingress.Spec.IngressClassName, rule.Host, rule.Http.Paths[0].Backend.Service.Name, rule.Http.Paths[0].Backend.Service.Port.Name));
        Assert.Equal("netra-example-tls", Assert.Single(ingress.Spec.Tls).SecretName);
        Assert.Equal("https://auth.example.com/oauth2/auth", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/auth-url"]);
    }

    [Fact]
    public void The_gate_and_the_UI_with_TLS_both_mount_their_certificates()
    {
        var objects = Operator.Render("{gate: {enabled: true, tls: {secretName: gate-tls}}, ui: {enabled: true, tls: {secretName: ui-tls}}}");

        var pod = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec;
        Assert.Equal(["/etc/netra/gate-tls", "/etc/netra/ui-tls"], pod.Containers[0].VolumeMounts.Select(m => m.MountPath));
        Assert.Equal(["gate-tls", "ui-tls"], pod.Volumes.Select(v => v.Secret.SecretName));
    }

    private static JsonObject Named(IReadOnlyList<JsonObject> objects, string kind, string name) =>
        objects.Single(item => (string?)item["kind"] == kind && (string?)item["metadata"]!["name"] == name);

    private static IEnumerable<string> Rules(IReadOnlyList<JsonObject> objects)
    {
        var role = KubernetesJson.Deserialize<V1ClusterRole>(Named(objects, "ClusterRole", "netra-operator").ToJsonString());
        return role.Rules.SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource =>
            rule.Verbs.Select(verb => $"{group}/{resource} {verb}"))));
    }
}
