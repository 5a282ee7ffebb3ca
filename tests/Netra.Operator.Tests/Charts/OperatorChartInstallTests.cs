using System.Text.RegularExpressions;
using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// What helm does around the operator chart's objects: refuses a cluster older than the docs support
/// (<c>kubeVersion</c>), prints how to run a first TestRun (<c>NOTES.txt</c>), and runs a pod that asks the operator
/// whether it is ready (<c>helm test</c>).
/// </summary>
public sealed partial class OperatorChartInstallTests
{
    private static readonly HelmChart Operator = new("netra-operator");

    [Fact]
    public void The_chart_asks_for_the_oldest_kubernetes_the_docs_support()
    {
        var chart = YamlNodes.Load(File.ReadAllText(Path.Combine(Operator.Directory, "Chart.yaml")))!;
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "kubernetes-versions.md"));

        Assert.Equal(">=1.20.0-0", (string?)chart["kubeVersion"]);
        Assert.Contains("**Kubernetes 1.20 or newer**", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void The_notes_say_how_to_run_a_first_testrun_with_an_example_of_the_repository()
    {
        var notes = Operator.RenderNotes(releaseName: "staging");

        Assert.Contains("kubectl -n netra rollout status deployment/staging-netra-operator", notes, StringComparison.Ordinal);
        Assert.Contains("helm test staging -n netra", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get testruns -w", notes, StringComparison.Ordinal);
        var example = ExampleFile().Match(notes).Groups[1].Value;
        var run = YamlNodes.Load(File.ReadAllText(Path.Combine(Repository.Root, example)))!;
        Assert.Equal("TestRun", (string?)run["kind"]);
        Assert.Contains($"netra-operator results {(string?)run["metadata"]!["name"]}", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void The_helm_test_pod_asks_the_operators_readyz_through_the_metrics_service_under_pod_security_restricted()
    {
        var objects = Operator.Render();
        var service = HelmChart.OfKind<V1Service>(objects, "Service");
        var test = HelmChart.OfKind<V1Pod>(Operator.RenderTests(), "Pod");
        var container = Assert.Single(test.Spec.Containers);

        Assert.Equal("test", test.Metadata.Annotations["helm.sh/hook"]);
        Assert.DoesNotContain(objects, item => (string?)item["metadata"]!["name"] == test.Metadata.Name);
        Assert.Equal("alpine/helm:3.16.4", container.Image);
        Assert.Equal(
            $"http://{service.Metadata.Name}.netra.svc:{service.Spec.Ports[0].Port}/readyz", container.Command[^1]);
        Assert.Equal("wget", container.Command[0]);
        Assert.Equal("Never", test.Spec.RestartPolicy);
        Assert.False(test.Spec.AutomountServiceAccountToken);
        PodSecurityRestricted.AssertMet(test.Spec);
    }

    [Fact]
    public void Without_the_metrics_service_there_is_nothing_to_ask_and_no_test()
    {
        Assert.Empty(Operator.RenderTests("metrics: {service: {enabled: false}}"));
        Assert.DoesNotContain("helm test", Operator.RenderNotes("metrics: {service: {enabled: false}}"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"kubectl apply -f (examples/\S+\.yaml)")]
    private static partial Regex ExampleFile();
}
