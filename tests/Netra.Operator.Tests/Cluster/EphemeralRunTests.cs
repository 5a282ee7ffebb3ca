using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// Ephemeral runs on the real node, every part real but helm: the run's namespace (Pod Security label, quota, LimitRange,
/// deny-all network policies), its deploy Job running the helm stand-in under the deployer's RBAC, the bundled charts as
/// pods, probe pods in the TestRun's namespace reaching the services in the run's through cluster DNS, and the namespace
/// removed afterwards; the first also measures its apply → Finished split (<see cref="EphemeralTiming"/>). (The node's bridge CNI does not enforce network policies, and Kubernetes 1.20 has no Pod Security
/// admission: both are created and checked, not enforced.)
/// </summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class EphemeralRunTests(ClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task All_ten_scenarios_pass_against_the_bundled_charts_as_pods_and_the_namespace_is_removed_afterwards()
    {
        // The node's own limits first, on the same node just before the run: nothing else of the tests' is running then.
        var limits = await NodeLimits.MeasureAsync(cluster);
        var (ns, created) = await cluster.CreateEphemeralRunAsync("ephemeral", """
            profile: Full
            parallelism: 3
            # Cases that time token expiry in seconds can miss on a loaded machine: once more before they count.
            retries: 1
            timeout: 15m
            """);
        var environment = ChildNames.EnvironmentNamespace(created);
        await using var timeline = new RunTimeline(cluster.Admin, ns, environment);

        // While it probes: the namespace's guards, and the three services the stand-in deployed as pods there.
        var probing = await cluster.WaitForAsync(
            ns, "ephemeral", "Probing or Finished", r => r.Status?.Phase is Phases.Probing or Phases.Succeeded or Phases.Failed, RunDeadline);
        Assert.True(probing.Status!.Phase == Phases.Probing, probing.Status.Conditions.Find(ConditionTypes.Finished)?.Message);
        await AssertGuardedAsync(environment);
        var environmentNs = await cluster.Admin.CoreV1.ReadNamespaceAsync(environment);
        var deployments = (await cluster.Admin.AppsV1.ListNamespacedDeploymentAsync(environment)).Items;
        Assert.Equal(["netra-agent", "netra-auth", "netra-backend"], deployments.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));

        var run = await cluster.WaitForFinishedAsync(ns, "ephemeral", RunDeadline);
        await timeline.StopAsync();
        output.WriteLine(EphemeralTiming.Write(EphemeralTiming.Split(run, environmentNs, timeline, limits)));

        Assert.True(run.Status!.Phase == Phases.Succeeded, run.Status.Conditions.Find(ConditionTypes.Finished)?.Message);
        Assert.Equal(10, run.Status.Scenarios.Count);
        Assert.All(run.Status.Scenarios, ClusterFixture.AssertPassed);
        Assert.Equal(0, run.Status.Summary!.Failed);
        Assert.Equal(environment, run.Status.Environment!.Namespace);
        await WaitForNamespaceGoneAsync(environment);
    }

    [Fact]
    public async Task Two_runs_at_once_both_succeed_each_in_a_namespace_of_its_own()
    {
        const string Spec = """
            scenarios: [auth-service-independence, thread-management, cross-service-auth-sync]
            parallelism: 3
            retries: 1
            timeout: 15m
            """;
        var started = await Task.WhenAll(cluster.CreateEphemeralRunAsync("twin-a", Spec), cluster.CreateEphemeralRunAsync("twin-b", Spec));

        var runs = await Task.WhenAll(started.Select(s => cluster.WaitForFinishedAsync(s.Ns, s.Run.Metadata.Name, RunDeadline)));

        Assert.All(runs, run => Assert.True(
            run.Status!.Phase == Phases.Succeeded, $"{run.Metadata.Name}: {run.Status.Conditions.Find(ConditionTypes.Finished)?.Message}"));
        Assert.All(runs, run => Assert.Equal(3, run.Status!.Scenarios.Count));
        Assert.All(runs, run => Assert.All(run.Status!.Scenarios, ClusterFixture.AssertPassed));
        var environments = runs.Select(r => r.Status!.Environment!.Namespace!).Distinct().ToList();
        Assert.Equal(2, environments.Count);
        await Task.WhenAll(environments.Select(WaitForNamespaceGoneAsync));
    }

    [Fact]
    public async Task A_service_image_that_does_not_exist_fails_the_run_as_DeployFailed_naming_the_image_long_before_the_deploy_deadline()
    {
        // A registry on a loopback port nothing listens on: the pull is refused at once and nothing leaves the machine.
        var missing = $"{FailureModeTests.MissingRegistry}/netra/netra-auth:{OneNodeCluster.ImageTag}";
        var (ns, created) = await cluster.CreateEphemeralRunAsync(
            "no-service-image", "scenarios: [auth-service-independence]", $"{{auth: {{image: {{registry: \"{FailureModeTests.MissingRegistry}\"}}}}}}");

        var run = await cluster.WaitForFinishedAsync(ns, "no-service-image", RunDeadline);

        Assert.Equal(Phases.Failed, run.Status!.Phase);
        var finished = run.Status.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.DeployFailed, finished.Reason);
        Assert.Contains(missing, finished.Message, StringComparison.Ordinal);
        Assert.Matches("ErrImagePull|ImagePullBackOff", finished.Message);
        // Found from the pod's state, not at the deploy Job's deadline (the operator's --deploy-timeout, 10 minutes).
        var took = finished.LastTransitionTime.UtcDateTime - created.Metadata.CreationTimestamp!.Value.ToUniversalTime();
        Assert.True(took < TimeSpan.FromMinutes(3), $"failed after {took.TotalSeconds:0} s");
        await WaitForNamespaceGoneAsync(ChildNames.EnvironmentNamespace(created));
    }

    private async Task AssertGuardedAsync(string environment)
    {
        var ns = await cluster.Admin.CoreV1.ReadNamespaceAsync(environment);
        Assert.Equal("restricted", ns.Metadata.Labels[EnvironmentManifests.PodSecurityEnforce]);
        // The quota counts what the stand-in deployed (the resourcequota controller): the three services' pods among them.
        await Eventually.WaitUntilAsync(
            async () => (await cluster.Admin.CoreV1.ReadNamespacedResourceQuotaAsync(EnvironmentGuards.Quota, environment)).Status?.Used
                is { } used && used.TryGetValue("pods", out var pods) && pods.ToInt32() >= 3,
            $"quota {environment}/{EnvironmentGuards.Quota} counting the services' pods", ClusterFixture.Deadline);
        await cluster.Admin.CoreV1.ReadNamespacedLimitRangeAsync(EnvironmentGuards.Limits, environment);
        var policies = (await cluster.Admin.NetworkingV1.ListNamespacedNetworkPolicyAsync(environment)).Items.Select(p => p.Metadata.Name).ToList();
        Assert.Contains(EnvironmentGuards.DenyAll, policies);
        // Every pod there runs as restricted asks: non-root, no privilege escalation, every capability dropped.
        var pods = (await cluster.Admin.CoreV1.ListNamespacedPodAsync(environment)).Items;
        Assert.All(pods.SelectMany(p => (p.Spec.InitContainers ?? []).Concat(p.Spec.Containers).Select(c => (p, c))), pair =>
        {
            var (pod, container) = pair;
            var where = $"{pod.Metadata.Name}/{container.Name}";
            Assert.True(pod.Spec.SecurityContext?.RunAsNonRoot == true || container.SecurityContext?.RunAsNonRoot == true, $"{where} may run as root");
            Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{where} allows privilege escalation");
            Assert.Contains("ALL", container.SecurityContext?.Capabilities?.Drop ?? []);
        });
    }

    private Task WaitForNamespaceGoneAsync(string name) =>
        Eventually.WaitUntilAsync(
            async () =>
            {
                try
                {
                    await cluster.Admin.CoreV1.ReadNamespaceAsync(name);
                    return false;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return true;
                }
            },
            $"namespace {name} removed", ClusterFixture.Deadline);
}
