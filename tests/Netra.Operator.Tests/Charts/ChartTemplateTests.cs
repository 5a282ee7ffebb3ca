using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// What the service charts render from their values: Pod Security "restricted" settings kept, image
/// registry, pull secrets, pod annotations, extra arguments, the log level, and the optional
/// ServiceMonitor and PodDisruptionBudget; and every <c>.Values</c> path a template reads exists.
/// </summary>
public sealed partial class ChartTemplateTests
{
    public static TheoryData<string> Services => [.. HelmChart.ServiceCharts];

    public static TheoryData<string> Charts => [.. HelmChart.All];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_pods_meet_pod_security_restricted(string chart)
    {
        var pod = HelmChart.OfKind<V1Deployment>(new HelmChart(chart).Render(), "Deployment").Spec.Template.Spec;

        Assert.Single(pod.Containers);
        PodSecurityRestricted.AssertMet(pod);
        Assert.False(pod.AutomountServiceAccountToken);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_defaults_pull_from_ghcr_at_the_charts_app_version_and_log_at_information(string chart)
    {
        var container = HelmChart.OfKind<V1Deployment>(new HelmChart(chart).Render(), "Deployment").Spec.Template.Spec.Containers[0];

        Assert.Equal($"ghcr.io/netra/{chart}:0.1.0", container.Image);
        Assert.Equal(["--urls", "http://0.0.0.0:8080"], container.Args);
        Assert.Contains(container.Env, variable => variable is { Name: "Serilog__MinimumLevel__Default", Value: "Information" });
        Assert.Contains(container.Env, variable => variable is { Name: "ASPNETCORE_ENVIRONMENT", Value: "Production" });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_pod_knows_its_own_name_from_the_downward_api(string chart)
    {
        var container = HelmChart.OfKind<V1Deployment>(new HelmChart(chart).Render(), "Deployment").Spec.Template.Spec.Containers[0];

        var podName = Assert.Single(container.Env, variable => variable.Name == "POD_NAME");
        Assert.Null(podName.Value);
        Assert.Equal("metadata.name", podName.ValueFrom?.FieldRef?.FieldPath);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Registry_pull_secrets_annotations_arguments_and_log_level_reach_the_pod(string chart)
    {
        var deployment = HelmChart.OfKind<V1Deployment>(new HelmChart(chart).Render("""
            image: {registry: registry.example.com:5000, tag: "0.2.0"}
            imagePullSecrets: [{name: regcred}]
            podAnnotations: {example.com/owner: platform}
            extraArgs: ["--Feature:Flag=true"]
            logLevel: Debug
            config: {Section__Key: "1000000"}
            """), "Deployment");
        var pod = deployment.Spec.Template;
        var container = pod.Spec.Containers[0];

        Assert.Equal($"registry.example.com:5000/netra/{chart}:0.2.0", container.Image);
        Assert.Equal("regcred", Assert.Single(pod.Spec.ImagePullSecrets).Name);
        Assert.Equal("platform", pod.Metadata.Annotations["example.com/owner"]);
        Assert.Equal("--Feature:Flag=true", container.Args[^1]);
        Assert.Contains(container.Env, variable => variable is { Name: "Serilog__MinimumLevel__Default", Value: "Debug" });
        Assert.Contains(container.Env, variable => variable is { Name: "Section__Key", Value: "1000000" });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void An_empty_registry_leaves_the_repository_alone(string chart)
    {
        var objects = new HelmChart(chart).Render("image: {registry: \"\", repository: localhost:5001/netra}");

        var container = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Containers[0];

        Assert.Equal("localhost:5001/netra:0.1.0", container.Image);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Metrics_on_the_service_port_a_service_monitor_and_a_disruption_budget_when_asked(string chart)
    {
        var helm = new HelmChart(chart);
        var defaults = helm.Render();
        var objects = helm.Render("""
            metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}
            podDisruptionBudget: {enabled: true}
            """);
        var service = HelmChart.OfKind<V1Service>(objects, "Service");
        var monitor = HelmChart.OfKind(objects, "ServiceMonitor");
        var budget = HelmChart.OfKind<V1PodDisruptionBudget>(objects, "PodDisruptionBudget");

        Assert.False(HelmChart.Contains(defaults, "ServiceMonitor") || HelmChart.Contains(defaults, "PodDisruptionBudget"));
        Assert.Equal(chart, service.Metadata.Name);
        Assert.Equal("http", Assert.Single(service.Spec.Ports).Name);
        Assert.Equal("prometheus", (string?)monitor["metadata"]!["labels"]!["release"]);
        Assert.Equal("http", (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        Assert.Equal("/metrics", (string?)monitor["spec"]!["endpoints"]![0]!["path"]);
        Assert.All(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(),
            label => Assert.Equal((string?)label.Value, service.Metadata.Labels[label.Key]));
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Equal(service.Spec.Selector, budget.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void The_operator_pod_gets_its_registry_pull_secrets_and_a_metrics_service_and_keeps_its_arguments()
    {
        var helm = new HelmChart("netra-operator");
        var objects = helm.Render("""
            image: {registry: registry.example.com}
            imagePullSecrets: [{name: regcred}]
            podAnnotations: {example.com/owner: platform}
            metrics: {serviceMonitor: {enabled: true}}
            """);
        var pod = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template;
        var service = HelmChart.OfKind<V1Service>(objects, "Service");
        var monitor = HelmChart.OfKind(objects, "ServiceMonitor");

        Assert.Equal("registry.example.com/netra/netra-operator:0.1.0", pod.Spec.Containers[0].Image);
        Assert.Equal("regcred", Assert.Single(pod.Spec.ImagePullSecrets).Name);
        Assert.Equal(["true", "platform"], [pod.Metadata.Annotations["prometheus.io/scrape"], pod.Metadata.Annotations["example.com/owner"]]);
        Assert.Equal("serve", pod.Spec.Containers[0].Args[0]);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("netra-operator-metrics", "http-metrics", 8080), (service.Metadata.Name, port.Name, port.Port));
        Assert.Equal(service.Spec.Selector, pod.Metadata.Labels.Where(label => service.Spec.Selector.ContainsKey(label.Key)).ToDictionary());
        Assert.Equal("http-metrics", (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        Assert.False(HelmChart.Contains(helm.Render(), "ServiceMonitor"));
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Every_value_a_template_reads_is_in_the_defaults(string chart)
    {
        var helm = new HelmChart(chart);
        var defaults = helm.DefaultValues();
        var templates = Directory.EnumerateFiles(Path.Combine(helm.Directory, "templates"), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText);

        var missing = templates.SelectMany(text => ValuesPath().Matches(text).Select(match => match.Groups[1].Value))
            .Distinct()
            .Where(path => !Exists(defaults, path.Split('.')))
            .ToList();

        Assert.Empty(missing);
    }

    private static bool Exists(JsonObject values, string[] path) =>
        path.Length == 1 ? values.ContainsKey(path[0]) : values[path[0]] is JsonObject child && Exists(child, path[1..]);

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_.]+)")]
    private static partial Regex ValuesPath();
}
