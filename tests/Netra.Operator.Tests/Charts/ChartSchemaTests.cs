using System.Text.Json.Nodes;
using Json.Schema;
using k8s.Models;
using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// Each chart's values.schema.json, which helm checks on install and upgrade: the defaults and the
/// values the operator passes to the service charts pass; mistakes are refused, service configuration
/// as a number among them (helm would print 1000000 as 1e+06 into the environment variable).
/// </summary>
public sealed class ChartSchemaTests
{
    public static TheoryData<string> Charts => [.. HelmChart.All];

    public static TheoryData<string> Services => [.. HelmChart.ServiceCharts];

    public static TheoryData<string, string> InvalidValues => new()
    {
        { "netra-auth", "config: {Auth__DevelopmentSeedHashIterations: 1000000}" },
        { "netra-backend", "config: {Backend__MessagesPerMinute: 600}" },
        { "netra-agent", "config: {Agent__FaultInjection__Enabled: true}" },
        { "netra-agent", "config: {Agent:Llm:Provider: openai}" },
        { "netra-auth", "replicaCount: 2" },
        { "netra-backend", "replicaCount: 3" },
        { "netra-agent", "replicaCount: -1" },
        { "netra-auth", "logLevel: Chatty" },
        { "netra-backend", "persistence: {size: 1GB}" },
        { "netra-backend", "persistence: {enable: true}" },
        { "netra-agent", "image: {pullPolicy: Sometimes}" },
        { "netra-agent", "imagePullSecrets: [regcred]" },
        { "netra-auth", "networkPolicy: {ingress: {from: {namespaceSelector: {}}}}" },
        { "netra-auth", "podDisruptionBudget: {maxUnavailable: half}" },
        { "netra-auth", "replicas: 1" },
        { "netra-operator", "workers: \"8\"" },
        { "netra-operator", "uninstallHook: {timeout: 1h}" },
        { "netra-operator", "uninstallHook: {timeout: 90s}" },
        { "netra-operator", "uninstallHook: {enable: false}" },
        { "netra-operator", "charts: {auth: \"\"}" },
        { "netra-operator", "metrics: {serviceMonitor: {interval: often}}" },
        { "netra-operator", "image: {repository: \"\"}" },
        { "netra-operator", "image: {digest: latest}" },
        { "netra-operator", "serviceAccount: {create: \"yes\"}" },
        { "netra-operator", "serviceAccount: {annotation: {}}" },
        { "netra-operator", "podLabels: {team: 7}" },
        { "netra-operator", "priorityClassName: 1000" },
        { "netra-operator", "podDisruptionBudget: {maxUnavailable: half}" },
        { "netra-operator", "podDisruptionBudget: {minAvailable: 1}" },
        { "netra-operator", "fullnameOverride: a-name-longer-than-a-dns-label-allows-which-is-sixty-three-characters" },
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void The_defaults_are_valid(string chart)
    {
        AssertValid(chart, Values(chart, "{}"));
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Production_settings_from_the_docs_are_valid(string chart)
    {
        AssertValid(chart, Values(chart, """
            image: {registry: registry.example.com, tag: "0.1.1"}
            imagePullSecrets: [{name: regcred}]
            podAnnotations: {example.com/team: platform}
            metrics: {serviceMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}}
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 1Gi}}
            """));
    }

    [Fact]
    public void The_operator_charts_names_service_account_and_pod_values_are_valid()
    {
        AssertValid("netra-operator", Values("netra-operator", """
            nameOverride: testruns
            fullnameOverride: acme-tests
            serviceAccount:
              create: false
              name: ci-robot
              annotations: {iam.gke.io/gcp-service-account: netra@acme.iam.gserviceaccount.com}
            image: {digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
            podLabels: {example.com/team: platform}
            podSecurityContext: {fsGroup: 65532}
            securityContext: {readOnlyRootFilesystem: true}
            priorityClassName: system-cluster-critical
            podDisruptionBudget: {enabled: true, maxUnavailable: 50%}
            """));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_production_values_in_deploy_are_valid_and_render(string chart)
    {
        var helm = new HelmChart(chart);

        AssertValid(chart, helm.ProductionValues());
        Assert.Contains(helm.RenderProduction(), item => (string?)item["kind"] == "ServiceMonitor");
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Mistakes_are_refused(string chart, string overrides)
    {
        var result = Schema(chart).Evaluate(Values(chart, overrides), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid, $"{chart} accepted {overrides}");
    }

    [Fact]
    public void The_values_the_operator_passes_to_each_service_chart_are_valid()
    {
        var urls = ServiceUrls.InNamespace("netra-run-1");

        AssertValid("netra-auth", Merged("netra-auth", ChartValues.Auth(null)));
        AssertValid("netra-agent", Merged("netra-agent", ChartValues.Agent(null, urls)));
        AssertValid("netra-backend", Merged("netra-backend", ChartValues.Backend(null, urls)));
    }

    [Fact]
    public void A_number_in_config_would_reach_the_service_as_helm_prints_it_which_is_why_the_schema_refuses_it()
    {
        var objects = new HelmChart("netra-auth").Render("config: {Auth__DevelopmentSeedHashIterations: 1000000}");

        var env = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Containers[0].Env;
        Assert.Contains(env, variable => variable is { Name: "Auth__DevelopmentSeedHashIterations", Value: "1e+06" });
    }

    private static JsonObject Values(string chart, string overrides) => new HelmChart(chart).Values(overrides);

    private static JsonObject Merged(string chart, JsonObject overrides) => Chart.Merge(new HelmChart(chart).DefaultValues(), overrides);

    /// <summary>Read once per chart: the schema registry keeps each file's URI.</summary>
    private static readonly Dictionary<string, JsonSchema> Schemas = HelmChart.All.ToDictionary(
        chart => chart, chart => JsonSchema.FromFile(Path.Combine(Repository.Root, "charts", chart, "values.schema.json")));

    private static JsonSchema Schema(string chart) => Schemas[chart];

    private static void AssertValid(string chart, JsonObject values)
    {
        var result = Schema(chart).Evaluate(values, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details.Where(detail => detail.HasErrors)
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"));
        Assert.True(result.IsValid, $"{chart}: " + string.Join("; ", errors));
    }
}
