using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// An Ephemeral run's namespace is the operator's own: bounded by quota, limits and deny-by-default network policies
/// before anything is deployed in it, and never one that existed before the run.
/// </summary>
public sealed class RunNamespaceTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task The_namespace_has_its_quota_limits_and_network_policies_before_the_deploy_job()
    {
        await using var host = bed.StartOperator($"guards-{Guid.NewGuid():N}"[..20], "guards");
        var ns = await bed.CreateNamespaceAsync("guards");
        var created = await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: guarded}
            spec:
              scenarios: [auth-service-independence]
              cleanup: {policy: Never}
            """);

        await bed.WaitForPhaseAsync(ns, "guarded", Phases.Succeeded);

        var environment = ChildNames.EnvironmentNamespace(created);
        var job = await bed.Admin.BatchV1.ReadNamespacedJobAsync(ChildNames.DeployJob, environment);
        var quota = await bed.Admin.CoreV1.ReadNamespacedResourceQuotaAsync(EnvironmentGuards.Quota, environment);
        var limits = await bed.Admin.CoreV1.ReadNamespacedLimitRangeAsync(EnvironmentGuards.Limits, environment);
        var policies = (await bed.Admin.NetworkingV1.ListNamespacedNetworkPolicyAsync(environment)).Items;
        Assert.Equal("0", quota.Spec.Hard["services.loadbalancers"].ToString());
        Assert.Equal("0", quota.Spec.Hard["services.nodeports"].ToString());
        Assert.Equal("8", quota.Spec.Hard["limits.cpu"].ToString());
        Assert.NotNull(limits.Spec.Limits.Single().DefaultProperty["cpu"]);
        var dns = policies.Single(p => p.Metadata.Name == EnvironmentGuards.AllowEnvironment).Spec.Egress
            .Single(rule => rule.Ports?.Any(port => port.Port.Value == "53") == true);
        Assert.Equal("kube-system", Assert.Single(dns.To).NamespaceSelector.MatchLabels[EnvironmentGuards.NamespaceNameLabel]);
        Assert.NotNull(limits.Spec.Limits.Single().DefaultProperty["memory"]);
        var denyAll = policies.Single(p => p.Metadata.Name == EnvironmentGuards.DenyAll);
        Assert.Equal(["Ingress", "Egress"], denyAll.Spec.PolicyTypes);
        Assert.Empty(denyAll.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        // In the order the API server completed the operator's writes (a resourceVersion changes with every status update).
        var written = bed.Cp.OperatorAudit.ResourcesWrittenIn(environment);
        Assert.All(["resourcequotas", "limitranges", "networkpolicies"], guard => Assert.True(
            written.IndexOf(guard) is >= 0 and var at && at < written.IndexOf("jobs"), $"{guard} written before the deploy Job: {string.Join(", ", written)}"));
    }

    [Fact]
    public async Task A_namespace_of_the_runs_name_that_existed_before_it_is_neither_used_nor_deleted()
    {
        var ns = await bed.CreateNamespaceAsync("adopt");
        var created = await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: adopt}
            spec:
              scenarios: [auth-service-independence]
            """);
        var environment = ChildNames.EnvironmentNamespace(created);
        await bed.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = environment } });

        await using (var host = bed.StartOperator($"adopt-{Guid.NewGuid():N}"[..20], "adopt"))
        {
            var run = await bed.WaitForPhaseAsync(ns, "adopt", Phases.Failed);
            var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
            Assert.Equal(Reasons.DeployFailed, finished.Reason);
            Assert.Contains("was not created for this run", finished.Message, StringComparison.Ordinal);

            await bed.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, "adopt");
            await Eventually.WaitUntilAsync(async () => await bed.ReadRunAsync(ns, "adopt") is null, "run deleted", OperatorTestBed.Deadline);
        }

        Assert.True(await bed.NamespaceExistsAsync(environment));
        Assert.Empty((await bed.Admin.BatchV1.ListNamespacedJobAsync(environment)).Items);
    }
}
