using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The operator's RBAC is exactly sufficient: the integration tests run it with only the chart's
/// rules (a missing one fails them), and here the API server's audit log shows that a run's whole
/// life, from leader election to cleanup, and the uninstall that the chart's pre-delete hook runs under the
/// operator's account use every permission the chart grants (an excess one fails).
/// </summary>
public sealed class OperatorRbacTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task A_run_from_creation_to_deletion_and_an_uninstall_use_every_permission_the_chart_grants_and_no_other()
    {
        var granted = GrantedPermissions();
        await GrantPullSecretAsync();
        var policy = Netra.TestBed.HelmStandIn.AllowingImageTags(OperatorTestBed.Defaults.Policy);
        await using (var host = bed.StartOperator("rbac", "rbac", OperatorTestBed.Defaults with { ImagePullSecrets = [PullSecret], Policy = policy }))
        {
            var ns = await bed.CreateNamespaceAsync("rbac");
            var created = await bed.CreateRunAsync(ns, """
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: every-permission}
                spec:
                  scenarios: [auth-service-independence]
                  cleanup: {policy: Always}
                  ttlSecondsAfterFinished: 3
                """);
            // A schedule creates runs of its own, and watches Deployments and StatefulSets for rollouts.
            await bed.CreateFailingScheduleAsync(ns, "every-permission", "*/2 * * * * *", ConcurrencyPolicies.Forbid);
            await bed.CreateDeploymentAsync(ns, "watched", "watched:1", new Dictionary<string, string>());
            await bed.CreateStatefulSetAsync(ns, "watched");
            // A rollout of each starts a run whose verdict is written back to them (patch).
            await RollOutBothAsync(ns, revision: 1);
            await bed.CreateScheduleAsync(ns, VerifyingSchedule);
            await bed.WaitForScheduleAsync(ns, "every-verdict", s => s.Status?.Workloads.Count == 2, "both workloads accounted for");
            await RollOutBothAsync(ns, revision: 2);
            // A deploy that fails keeps its evidence: the Events of its pods are listed.
            await bed.CreateRunAsync(ns, Netra.TestBed.HelmStandIn.NeverReadyRun("failed-deploy"));
            await bed.WaitForPhaseAsync(ns, "every-permission", Phases.Succeeded);
            await Eventually.WaitUntilAsync(
                async () => (await bed.Admin.AppsV1.ReadNamespacedDeploymentAsync("watched", ns)).Metadata.Annotations?
                        .ContainsKey(VerdictWriteback.Annotation) == true
                    && (await bed.Admin.AppsV1.ReadNamespacedStatefulSetAsync("watched", ns)).Metadata.Annotations?
                        .ContainsKey(VerdictWriteback.Annotation) == true,
                "the verdict written to both workloads",
                OperatorTestBed.Deadline);
            await bed.WaitForPhaseAsync(ns, "failed-deploy", Phases.Failed);
            var environment = $"netra-run-{created.Metadata.Uid[..8]}";
            await Eventually.WaitUntilAsync(async () => !await bed.NamespaceExistsAsync(environment), $"namespace {environment} removed", OperatorTestBed.Deadline);

            // Its time to live after finishing passes: the operator deletes it, and its finalizer lets it go.
            await Eventually.WaitUntilAsync(async () => await bed.ReadRunAsync(ns, "every-permission") is null, "run deleted after its TTL", OperatorTestBed.Deadline);

            // helm uninstall's pre-delete hook, under the operator's account: the schedule goes, then every run left.
            var uninstall = await InProcessUninstall.RunAsync(bed, "60s");
            Assert.True(uninstall.Code == 0, uninstall.ToString());

            // Lease renewals come every retry period; wait for one rather than assume it happened.
            await WaitUntilRequestedAsync(granted, TimeSpan.FromSeconds(20));
        }

        // A watch is audited when it ends: those the operator's stop just closed reach the audit log a moment later.
        await WaitUntilRequestedAsync(granted, TimeSpan.FromSeconds(20));

        // get pods/log and list events: the failed deploy's evidence (a probe pod's log is read only when its report
        // outgrows its termination message, which this run's reports do not).
        Assert.Equal(granted, bed.Cp.OperatorAudit.RequestedPermissions());
    }

    private const string VerifyingSchedule = $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRunSchedule
        metadata: {name: every-verdict}
        spec:
          triggers:
            rollouts: {settleTime: 1s}
        {{ScheduleBed.FailingTemplate}}
        """;

    private async Task RollOutBothAsync(string ns, int revision)
    {
        if (revision > 1)
        {
            await bed.SetImageAsync(ns, "watched", $"watched:{revision}");
        }

        await bed.SetDeploymentRevisionAsync(ns, "watched", revision);
        await bed.WriteRolloutStatusAsync(ns, "watched");
        await bed.RollOutStatefulSetAsync(ns, "watched", $"watched-{revision}", revision > 1 ? $"watched:{revision}" : null);
    }

    /// <summary>
    /// The ClusterRole's, the environment ClusterRole's (bound by the operator in each run's namespace) and the lease
    /// Role's rules as <c>group/resource verb</c>. A bind on a ClusterRole is checked by the API server inside the
    /// RoleBinding create, never requested on its own, so the audit log cannot show it: the run's deploy fails without it.
    /// </summary>
    private static List<string> GrantedPermissions()
    {
        var objects = OperatorTestBed.ChartObjects().ToList();
        var rules = objects.OfType<V1ClusterRole>().Where(r => r.Metadata.Name is "netra-operator" or "netra-operator-environment")
            .SelectMany(r => r.Rules)
            .Concat(objects.OfType<V1Role>().Single().Rules)
            .Concat(PullSecretObjects().OfType<V1Role>().Single().Rules)
            .Where(rule => !rule.Verbs.SequenceEqual(["bind"]));
        return [.. rules
            .SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb => $"{group}/{resource} {verb}"))))
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    private const string PullSecret = "regcred";

    /// <summary>The chart's pull-secrets Role and RoleBinding as it renders them for one pull secret, and that Secret.</summary>
    private async Task GrantPullSecretAsync()
    {
        var admin = bed.Admin;
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = PullSecret },
            Type = "kubernetes.io/dockerconfigjson",
            StringData = new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{"registry.example.com":{"auth":"dTpw"}}}""" },
        }, ControlPlane.OperatorNamespace);
        foreach (var item in PullSecretObjects())
        {
            switch (item)
            {
                case V1Role role:
                    await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, ControlPlane.OperatorNamespace);
                    break;
                case V1RoleBinding binding:
                    await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(binding, ControlPlane.OperatorNamespace);
                    break;
            }
        }
    }

    private static IEnumerable<object> PullSecretObjects() =>
        new HelmChart("netra-operator").Render($"imagePullSecrets: [{{name: {PullSecret}}}]", releaseNamespace: ControlPlane.OperatorNamespace)
            .Where(item => (string?)item["metadata"]!["name"] == "netra-operator-pull-secrets")
            .Select(item => (string?)item["kind"] == "Role"
                ? (object)KubernetesJson.Deserialize<V1Role>(item.ToJsonString())
                : KubernetesJson.Deserialize<V1RoleBinding>(item.ToJsonString()));

    private async Task WaitUntilRequestedAsync(IReadOnlyList<string> granted, TimeSpan deadline)
    {
        try
        {
            await Eventually.WaitUntilAsync(() => granted.All(bed.Cp.OperatorAudit.RequestedPermissions().Contains), "every granted permission requested", deadline);
        }
        catch (TimeoutException)
        {
            // The assertion that follows names what was granted and never requested.
        }
    }
}
