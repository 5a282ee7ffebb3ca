using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart's pod values reach the operator's pod (labels, image digest, priority class, security contexts,
/// resources, the ServiceAccount's annotations), and its PodDisruptionBudget is at the version the cluster serves.
/// </summary>
public sealed class OperatorChartPodTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly HelmChart Operator = new("netra-operator");

    [Fact]
    public void Pod_labels_land_on_the_pod_and_leave_its_selector_alone()
    {
        var deployment = HelmChart.OfKind<V1Deployment>(Operator.Render("podLabels: {example.com/team: platform}"), "Deployment");

        Assert.Equal("platform", deployment.Spec.Template.Metadata.Labels["example.com/team"]);
        Assert.DoesNotContain("example.com/team", deployment.Spec.Selector.MatchLabels.Keys);
    }

    [Fact]
    public void A_digest_pins_the_image_whatever_the_tag()
    {
        var objects = Operator.Render($"image: {{registry: registry.example.com, tag: \"0.2.0\", digest: \"{Digest}\"}}");

        var container = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Containers[0];
        Assert.Equal($"registry.example.com/netra/netra-operator@{Digest}", container.Image);
    }

    [Fact]
    public void A_priority_class_is_set_only_when_given()
    {
        var given = HelmChart.OfKind<V1Deployment>(Operator.Render("priorityClassName: system-cluster-critical"), "Deployment");
        var defaults = HelmChart.OfKind<V1Deployment>(Operator.Render(), "Deployment");

        Assert.Equal("system-cluster-critical", given.Spec.Template.Spec.PriorityClassName);
        Assert.Null(defaults.Spec.Template.Spec.PriorityClassName);
    }

    [Fact]
    public void The_defaults_keep_pod_security_restricted_and_the_resources_as_they_were()
    {
        var pod = HelmChart.OfKind<V1Deployment>(Operator.Render(), "Deployment").Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        PodSecurityRestricted.AssertMet(pod);
        Assert.Equal((65532L, 65532L), (pod.SecurityContext.RunAsUser, pod.SecurityContext.RunAsGroup));
        Assert.Equal(
            ["requests cpu 50m", "requests memory 128Mi", "limits memory 256Mi"],
            container.Resources.Requests.Select(r => $"requests {r.Key} {r.Value}")
                .Concat(container.Resources.Limits.Select(r => $"limits {r.Key} {r.Value}")));
    }

    [Fact]
    public void Security_context_values_merge_over_the_defaults_as_helm_merges_maps()
    {
        var pod = HelmChart.OfKind<V1Deployment>(Operator.Render("podSecurityContext: {fsGroup: 65532, runAsUser: 1000}"), "Deployment")
            .Spec.Template.Spec;

        Assert.Equal((65532L, 1000L), (pod.SecurityContext.FsGroup, pod.SecurityContext.RunAsUser));
        Assert.True(pod.SecurityContext.RunAsNonRoot);
    }

    [Fact]
    public void The_service_accounts_annotations_serve_workload_identity()
    {
        var account = HelmChart.OfKind<V1ServiceAccount>(
            Operator.Render("serviceAccount: {annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::111122223333:role/netra\"}}"),
            "ServiceAccount");

        Assert.Equal("arn:aws:iam::111122223333:role/netra", account.Metadata.Annotations["eks.amazonaws.com/role-arn"]);
    }

    [Theory]
    [InlineData(true, "policy/v1")]
    [InlineData(false, "policy/v1beta1")]
    public void The_disruption_budget_is_at_the_version_the_cluster_serves(bool servesPolicyV1, string apiVersion)
    {
        var objects = Operator.Render(apiVersions: servesPolicyV1 ? ["policy/v1/PodDisruptionBudget"] : []);

        var budget = HelmChart.OfKind<V1PodDisruptionBudget>(objects, "PodDisruptionBudget");
        Assert.Equal((apiVersion, "1"), (budget.ApiVersion, budget.Spec.MaxUnavailable.Value));
    }

    [Fact]
    public void The_disruption_budget_can_be_turned_off()
    {
        Assert.False(HelmChart.Contains(Operator.Render("podDisruptionBudget: {enabled: false}"), "PodDisruptionBudget"));
    }
}
