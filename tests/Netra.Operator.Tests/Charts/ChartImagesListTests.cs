using k8s.Models;
using Netra.Operator.Images;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// <c>netra-operator images</c> lists what the charts, rendered with the same values, would have the cluster pull: the
/// operator's Deployment, its probe and helm images, and each service chart under the operator's registry for them.
/// </summary>
public sealed class ChartImagesListTests
{
    public static TheoryData<string> OperatorValues => new()
    {
        "{}",
        """
        image: {registry: mirror.example.com:5000, tag: "0.2.0"}
        probeImage: mirror.example.com:5000/netra/netra-probes:0.2.0
        helmImage: mirror.example.com:5000/alpine/helm:3.16.4
        serviceImageRegistry: mirror.example.com:5000
        """,
        """
        image: {tag: "0.2.0", digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
        """,
    };

    [Theory]
    [MemberData(nameof(OperatorValues))]
    public void The_list_is_what_the_rendered_charts_pull(string values)
    {
        var listed = ChartImages.Of([values]);

        var operatorPod = HelmChart.OfKind<V1Deployment>(new HelmChart("netra-operator").Render(values), "Deployment").Spec.Template.Spec;
        var args = operatorPod.Containers[0].Args;
        var registry = Flag(args, "--service-image-registry");
        List<string> expected =
        [
            operatorPod.Containers[0].Image,
            Flag(args, "--probe-image")!,
            Flag(args, "--helm-image")!,
            .. new[] { "netra-auth", "netra-backend", "netra-agent" }.Select(chart => HelmChart.OfKind<V1Deployment>(
                new HelmChart(chart).Render(registry is null ? "{}" : $"image: {{registry: \"{registry}\"}}"), "Deployment")
                .Spec.Template.Spec.Containers[0].Image),
        ];

        Assert.Equal(expected, listed);
    }

    [Fact]
    public void Later_values_files_win_as_in_helm()
    {
        var listed = ChartImages.Of(["helmImage: first/helm:1", "helmImage: second/helm:2"]);

        Assert.Contains("second/helm:2", listed);
        Assert.DoesNotContain("first/helm:1", listed);
    }

    private static string? Flag(IList<string> args, string name) =>
        args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
}
