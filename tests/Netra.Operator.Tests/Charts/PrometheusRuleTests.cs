using System.Text.Json.Nodes;
using Netra.Testing;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart's optional PrometheusRule, rendered as helm would, checked and unit-tested by Prometheus' own
/// <c>promtool</c> (Debian's <c>prometheus</c> package, installed by <c>tests/tools.sh</c>): its rules parse, fire
/// on the series they are written for, and reference only metrics the operator exports.
/// </summary>
public sealed class PrometheusRuleTests
{
    /// <summary>The operator's outcome and schedule metrics, as its code names them.</summary>
    private static JsonObject Rule(string overrides) =>
        HelmChart.OfKind(new HelmChart("netra-operator").Render(overrides), "PrometheusRule");

    [Fact]
    public void It_is_off_by_default() =>
        Assert.False(HelmChart.Contains(new HelmChart("netra-operator").Render(), "PrometheusRule"));

    [Fact]
    public async Task Its_rules_pass_promtool_check_and_the_unit_tests_beside_them()
    {
        var rule = Rule("metrics: {prometheusRule: {enabled: true, labels: {release: kube-prometheus}}}");
        Assert.Equal("kube-prometheus", (string?)rule["metadata"]!["labels"]!["release"]);
        var folder = Directory.CreateTempSubdirectory("netra-rules-");
        try
        {
            var rules = Path.Combine(folder.FullName, "rules.yaml");
            await File.WriteAllTextAsync(rules, new JsonObject { ["groups"] = rule["spec"]!["groups"]!.DeepClone() }.ToJsonString());
            var tests = Path.Combine(folder.FullName, "alerts.test.yaml");
            File.Copy(Path.Combine(Repository.Root, "tests", "Netra.Operator.Tests", "Charts", "netra-operator-alerts.test.yaml"), tests);

            await Promtool.RunAsync(["check", "rules", rules]);
            await Promtool.RunAsync(["test", "rules", tests]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Its_rules_reference_only_metrics_the_operator_exports()
    {
        var exported = await OperatorMetricFamilies.NamesAsync();
        var expressions = Rule("metrics: {prometheusRule: {enabled: true}}")["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["expr"]!).ToList();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, e => Assert.All(
            System.Text.RegularExpressions.Regex.Matches(e, "netra_[a-z_]+").Select(m => m.Value),
            metric => Assert.Contains(OperatorMetricFamilies.Family(metric), exported)));
    }
}
