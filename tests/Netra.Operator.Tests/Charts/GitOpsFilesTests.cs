using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The GitOps recipes under gitops/: the argocd-cm patch carries exactly the tested health script, the
/// PostSync hook and the Flux Kustomization wait for the TestRuns they create, and the Grafana dashboard
/// plots only metrics the operator documents.
/// </summary>
public sealed partial class GitOpsFilesTests
{
    private static readonly string GitOps = Path.Combine(Repository.Root, "gitops");

    [Theory]
    [InlineData("argocd-cm.yaml", "testrun-health", "netra.io_TestRun")]
    [InlineData("argocd-cm-deployment-health.yaml", "deployment-health", "apps_Deployment")]
    public void Each_argocd_cm_patch_holds_its_tested_health_script(string patchFile, string scriptFolder, string kind)
    {
        var patch = YamlNodes.Load(File.ReadAllText(Path.Combine(GitOps, "argocd", patchFile)))!;

        Assert.Equal(
            File.ReadAllText(Path.Combine(GitOps, "argocd", scriptFolder, "health.lua")),
            (string?)patch["data"]![$"resource.customizations.health.{kind}"]);
        Assert.Equal("argocd-cm", (string?)patch["metadata"]!["name"]);
    }

    [Fact]
    public void The_flux_deployment_check_fails_on_a_failed_verification_of_the_current_revision()
    {
        var kustomization = YamlNodes.Load(File.ReadAllText(Path.Combine(GitOps, "flux", "verified-deployments.yaml")))!;

        var check = Assert.Single(kustomization["spec"]!["healthCheckExprs"]!.AsArray())!;
        Assert.Equal(("apps/v1", "Deployment"), ((string?)check["apiVersion"], (string?)check["kind"]));
        Assert.Contains("'netra.io/verified'", (string)check["failed"]!, StringComparison.Ordinal);
        Assert.Contains("'deployment.kubernetes.io/revision'", (string)check["failed"]!, StringComparison.Ordinal);
        Assert.Contains(":Failed", (string)check["failed"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postsync_hook_creates_a_new_testrun_per_sync()
    {
        var hook = YamlNodes.Load(File.ReadAllText(Path.Combine(GitOps, "argocd", "postsync-testrun.yaml")))!;

        Assert.Equal("TestRun", (string?)hook["kind"]);
        Assert.NotNull((string?)hook["metadata"]!["generateName"]);
        Assert.Null(hook["metadata"]!["name"]);
        Assert.Equal("PostSync", (string?)hook["metadata"]!["annotations"]!["argocd.argoproj.io/hook"]);
    }

    [Fact]
    public void The_flux_kustomization_waits_for_the_testrun_it_applies_and_reruns_it_per_release()
    {
        var kustomization = YamlNodes.Load(File.ReadAllText(Path.Combine(GitOps, "flux", "netra-smoke.yaml")))!;
        var run = YamlNodes.Load(File.ReadAllText(Path.Combine(GitOps, "flux", "smoke", "testrun.yaml")))!;

        var check = Assert.Single(kustomization["spec"]!["healthChecks"]!.AsArray())!;
        Assert.Equal(("TestRun", (string?)run["metadata"]!["name"]), ((string?)check["kind"], (string?)check["name"]));
        Assert.Equal("./gitops/flux/smoke", (string?)kustomization["spec"]!["path"]);
        var variable = Regex.Match((string)run["spec"]!["revision"]!, @"^\$\{(\w+)\}$").Groups[1].Value;
        Assert.NotNull(kustomization["spec"]!["postBuild"]!["substitute"]![variable]);
    }

    [Fact]
    public async Task The_dashboard_plots_pass_rate_and_flaky_scenarios_from_documented_metrics_the_operator_exports()
    {
        var exported = await OperatorMetricFamilies.NamesAsync();
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(GitOps, "grafana", "netra-testruns.json")))!;
        var documented = File.ReadAllText(Path.Combine(Repository.Root, "docs", "testrun-reference.md"))
            + File.ReadAllText(Path.Combine(Repository.Root, "docs", "testrunschedule-reference.md"))
            + File.ReadAllText(Path.Combine(Repository.Root, "charts", "netra-operator", "README.md"));

        var panels = dashboard["panels"]!.AsArray();
        var expressions = panels.SelectMany(panel => panel!["targets"]!.AsArray()).Select(target => (string)target!["expr"]!).ToList();
        var metrics = expressions.SelectMany(expression => MetricName().Matches(expression).Select(match => match.Value)).Distinct().ToList();

        Assert.Contains(panels, panel => ((string)panel!["title"]!).Contains("Pass rate", StringComparison.Ordinal));
        Assert.Contains(panels, panel => ((string)panel!["title"]!).Contains("Flaky", StringComparison.Ordinal));
        Assert.Contains("netra_testrun_cases_total", metrics);
        Assert.All(metrics, metric => Assert.Contains(OperatorMetricFamilies.Family(metric), documented, StringComparison.Ordinal));
        Assert.All(metrics, metric => Assert.Contains(OperatorMetricFamilies.Family(metric), exported));
        Assert.Contains("netra_testrunschedule_pass_ratio", metrics);
        Assert.Contains("netra_testrunschedule_flaky_scenarios", metrics);
    }

    [Fact]
    public void Every_run_and_schedule_panel_of_the_dashboard_follows_its_namespace_and_schedule_filters()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(GitOps, "grafana", "netra-testruns.json")))!;
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
        var selectors = dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]!.AsArray())
            .SelectMany(target => Selector().Matches((string)target!["expr"]!))
            .ToList();

        Assert.Contains("namespace", variables);
        Assert.Contains("schedule", variables);
        Assert.NotEmpty(selectors);
        Assert.All(selectors, s => Assert.Contains("namespace=~\"$namespace\"", s.Value, StringComparison.Ordinal));
        Assert.All(selectors.Where(s => s.Value.StartsWith("netra_testrunschedule_", StringComparison.Ordinal)),
            s => Assert.Contains("schedule=~\"$schedule\"", s.Value, StringComparison.Ordinal));
    }

    /// <summary>A TestRun or schedule metric with its label selector, if any.</summary>
    [GeneratedRegex(@"\bnetra_testrun[a-z_]*(\{[^}]*\})?")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\bnetra_[a-z_]+")]
    private static partial Regex MetricName();
}
