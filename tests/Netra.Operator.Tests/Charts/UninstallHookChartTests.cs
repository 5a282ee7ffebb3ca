using System.CommandLine;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Uninstall;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// What helm uninstall does with the operator chart: a pre-delete hook Job runs <c>netra-operator uninstall</c> in the
/// operator's image, under its account, as restricted as its pod and bounded in time; and the operator's pod is given
/// the time to release its Lease when it is deleted.
/// </summary>
public sealed class UninstallHookChartTests
{
    private const string PreDelete = "pre-delete";

    /// <summary>The longest uninstallHook.timeout values.schema.json allows.</summary>
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMinutes(59);

    private static readonly HelmChart Chart = new("netra-operator");

    [Fact]
    public void Helm_runs_the_hook_before_it_deletes_anything_deletes_it_once_it_succeeded_and_never_installs_it()
    {
        var job = HookJob(Chart.RenderHooks(PreDelete, releaseName: "staging"));

        Assert.Equal("staging-netra-operator-uninstall", job.Metadata.Name);
        Assert.Equal(HelmChart.ReleaseNamespace, job.Metadata.NamespaceProperty);
        Assert.Equal(PreDelete, job.Metadata.Annotations["helm.sh/hook"]);
        Assert.Equal("before-hook-creation,hook-succeeded", job.Metadata.Annotations["helm.sh/hook-delete-policy"]);
        Assert.Equal("0", job.Metadata.Annotations["helm.sh/hook-weight"]);
        Assert.False(HelmChart.Contains(Chart.Render(), "Job"));
    }

    [Fact]
    public void The_hook_runs_uninstall_in_the_operators_image_under_its_account_once_and_within_an_hour()
    {
        const string Values = """
            image: {registry: registry.example.com, tag: "0.2.0"}
            serviceAccount: {create: false, name: shared}
            uninstallHook: {timeout: 10m}
            """;
        var job = HookJob(Chart.RenderHooks(PreDelete, Values));
        var operatorPod = HelmChart.OfKind<V1Deployment>(Chart.Render(Values), "Deployment").Spec.Template.Spec;
        var pod = job.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(["uninstall", "--timeout=10m"], container.Args);
        Assert.Equal("registry.example.com/netra/netra-operator:0.2.0", container.Image);
        Assert.Equal(operatorPod.Containers[0].Image, container.Image);
        Assert.Equal("shared", pod.ServiceAccountName);
        Assert.Equal(operatorPod.ServiceAccountName, pod.ServiceAccountName);
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.InRange(job.Spec.ActiveDeadlineSeconds!.Value, (long)LongestTimeout.TotalSeconds + 60, 3600);
    }

    [Fact]
    public void The_command_line_the_hook_runs_is_one_the_image_parses_with_the_timeout_of_the_values()
    {
        var args = HookJob(Chart.RenderHooks(PreDelete)).Spec.Template.Spec.Containers[0].Args;

        var parsed = UninstallCommand.Create(TextWriter.Null).Parse([.. args.Skip(1)]);

        Assert.Equal("uninstall", args[0]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(TimeSpan.FromMinutes(4), GoDuration.Parse(parsed.GetValue<string>("--timeout")));
    }

    [Fact]
    public void The_hooks_pod_is_as_restricted_as_the_operators_and_neither_its_Service_nor_its_budget_selects_it()
    {
        var objects = Chart.Render();
        var hook = Assert.Single(Chart.RenderHooks(PreDelete));
        var pod = hook["spec"]!["template"]!["spec"]!;
        var operatorPod = HelmChart.OfKind(objects, "Deployment")["spec"]!["template"]!["spec"]!;

        Assert.True(JsonNode.DeepEquals(operatorPod["securityContext"], pod["securityContext"]), pod["securityContext"]!.ToJsonString());
        Assert.True(
            JsonNode.DeepEquals(operatorPod["containers"]![0]!["securityContext"], pod["containers"]![0]!["securityContext"]),
            pod["containers"]![0]!["securityContext"]!.ToJsonString());
        var template = HookJob([hook]).Spec.Template;
        PodSecurityRestricted.AssertMet(template.Spec);
        var service = HelmChart.OfKind<V1Service>(objects, "Service").Spec.Selector;
        var budget = HelmChart.OfKind<V1PodDisruptionBudget>(objects, "PodDisruptionBudget").Spec.Selector.MatchLabels;
        Assert.All([service, budget], selector => Assert.False(Selects(selector, template.Metadata.Labels)));
    }

    [Fact]
    public void Disabled_there_is_no_hook()
    {
        Assert.Empty(Chart.RenderHooks(PreDelete, "uninstallHook: {enabled: false}"));
    }

    /// <summary>
    /// On SIGTERM the leader stops within two seconds (the SIGTERM tests) and then releases its Lease, giving the API server
    /// at most --renew-deadline: the pod's grace period (Kubernetes' 30 s unless the chart sets one) must cover both.
    /// </summary>
    [Fact]
    public void The_operators_pod_is_given_the_time_to_release_its_Lease_when_it_is_deleted()
    {
        var deployment = HelmChart.OfKind<V1Deployment>(Chart.Render(), "Deployment");
        var options = new ServeCommandOptions();
        var serve = new Command("serve");
        options.AddTo(serve);
        var args = deployment.Spec.Template.Spec.Containers[0].Args.Skip(1);
        var renewDeadline = options.ToServeOptions(serve.Parse([.. args])).RenewDeadline;

        var grace = TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);

        Assert.True(grace > TimeSpan.FromSeconds(2) + renewDeadline, $"a grace period of {grace} for a release within {renewDeadline}");
    }

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);

    private static V1Job HookJob(IReadOnlyList<JsonObject> hooks) => HelmChart.OfKind<V1Job>(hooks, "Job");
}
