using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// TestRuns reconciled by the operator, running as the chart's service account with exactly the
/// chart's rules, against a real control plane; pods run by the kubelet and helm stand-ins.
/// </summary>
public sealed class TestRunLifecycleTests(OperatorTestBedFixture bed) : WithOperator(bed, "lifecycle")
{
    private const string FastScenarios = "[thread-management, auth-service-independence]";

    [Fact]
    public async Task Ephemeral_run_deploys_then_probes_then_succeeds_with_per_scenario_results_and_removes_its_namespace_after_the_ttl()
    {
        var ns = await Bed.CreateNamespaceAsync("ephemeral");
        var created = await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: smoke}
            spec:
              scenarios: {{FastScenarios}}
              parallelism: 2
              cleanup: {ttlSecondsAfterFinished: 5}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "smoke", Phases.Succeeded);
        var environment = $"netra-run-{created.Metadata.Uid[..8]}";
        Assert.True(await Bed.NamespaceExistsAsync(environment), "the namespace stays for ttlSecondsAfterFinished");

        var status = run.Status!;
        Assert.Equal(1, status.ObservedGeneration);
        Assert.Equal(["thread-management", "auth-service-independence"], status.Scenarios.Select(s => s.Name));
        Assert.All(status.Scenarios, s => Assert.Equal("Passed", s.Result));
        Assert.True(status.Scenarios[0].Passed >= 10, $"thread-management passed {status.Scenarios[0].Passed}");
        Assert.Equal(status.Scenarios.Sum(s => s.Passed), status.Summary!.Passed);
        Assert.Equal(0, status.Summary.Failed);
        Assert.NotNull(status.StartTime);
        Assert.NotNull(status.CompletionTime);
        Assert.NotNull(status.Duration);
        Assert.Equal(ConditionStatuses.True, status.Conditions.Single(c => c.Type == ConditionTypes.Ready).Status);
        Assert.Equal(environment, status.Environment!.Namespace);

        // What it tested: the bundled charts at their version, and the hash of the values helm was given.
        var values = await Bed.Admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ValuesConfigMap, environment);
        Assert.Equal(Netra.Operator.Core.TestRuns.Tested.ValuesHash.Of(values), status.Tested!.ValuesHash);
        Assert.Equal(
            new[] { "auth", "backend", "agent" }.Select(s => (s, "bundled", Netra.Operator.Core.TestRuns.Manifests.BundledCharts.Version(s))),
            status.Tested.Charts.Select(c => (c.Service, c.Chart, c.Version!)));

        // One probe Job per scenario, in the run's namespace, owned by it.
        var jobs = await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns, labelSelector: $"{ChildNames.RunUidLabel}={created.Metadata.Uid}");
        Assert.Equal([$"smoke-{created.Metadata.Uid[..8]}-a1-s0", $"smoke-{created.Metadata.Uid[..8]}-a1-s1"], jobs.Items.Select(j => j.Metadata.Name).Order());
        Assert.All(jobs.Items, j => Assert.Equal(created.Metadata.Uid, j.Metadata.OwnerReferences.Single().Uid));

        // Cleanup Always, once the TTL has passed: the environment goes, the run stays with its results.
        await Eventually.WaitUntilAsync(async () => !await Bed.NamespaceExistsAsync(environment), $"namespace {environment} removed", OperatorTestBed.Deadline);
        await Eventually.WaitUntilAsync(
            async () => (await Bed.WaitForPhaseAsync(ns, "smoke", Phases.Succeeded)).Status!.Environment!.DeployState == DeployStates.Removed,
            "deployState Removed once the namespace is gone", OperatorTestBed.Deadline);
        IReadOnlyList<string> events = [];
        await Eventually.WaitUntilAsync(async () => (events = await Bed.EventReasonsAsync(ns, "smoke")).Contains("EnvironmentRemoved"), "EnvironmentRemoved event", OperatorTestBed.Deadline);
        Assert.Equal([Phases.Deploying, Phases.Probing, Phases.Succeeded, "EnvironmentRemoved"], events.Where(e => !e.StartsWith("Probe", StringComparison.Ordinal)).Distinct());
        Assert.Equal(2, events.Count(e => e == "ProbeStarted"));
    }

    [Fact]
    public async Task A_scenario_that_fails_then_passes_on_its_retry_is_flaky_and_the_run_succeeds()
    {
        var ns = await Bed.CreateNamespaceAsync("flaky");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: flaky}
            spec:
              scenarios: [thread-management]
              retries: 1
              probe: {image: "ghcr.io/netra/netra-probes:{{KubeletStandIn.FailsFirstAttemptMarker}}"}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "flaky", Phases.Succeeded);

        var scenario = Assert.Single(run.Status!.Scenarios);
        Assert.Equal((ScenarioResults.Flaky, 2), (scenario.Result, scenario.Attempts));
        var finished = run.Status.Conditions.Single(c => c.Type == ConditionTypes.Finished).Message;
        Assert.Contains("Flaky (passed on a retry): thread-management.", finished, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quarantined_scenario_that_fails_after_its_retry_does_not_fail_the_run()
    {
        var ns = await Bed.CreateNamespaceAsync("quarantined");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: quarantined}
            spec:
              scenarios: [thread-management]
              retries: 1
              quarantine: [{scenario: thread-management, until: "2999-01-01T00:00:00Z", reason: "frames too small, tracked in #1"}]
              environment:
                charts:
                  backend:
                    values:
                      config: {Backend__MaxFrameBytes: "16"}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "quarantined", Phases.Succeeded);

        var scenario = Assert.Single(run.Status!.Scenarios);
        Assert.Equal((ScenarioResults.Failed, true, 2), (scenario.Result, scenario.Quarantined, scenario.Attempts));
        var finished = run.Status.Conditions.Single(c => c.Type == ConditionTypes.Finished).Message;
        Assert.Contains("Failed but quarantined: thread-management.", finished, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_feature_turned_off_through_chart_values_fails_the_run_after_its_retry_and_OnSuccess_keeps_the_namespace_until_the_run_is_deleted()
    {
        var ns = await Bed.CreateNamespaceAsync("failing");
        var created = await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: tiny-frames}
            spec:
              scenarios: [thread-management]
              retries: 1
              cleanup: {policy: OnSuccess}
              environment:
                charts:
                  backend:
                    values:
                      config: {Backend__MaxFrameBytes: "16"}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "tiny-frames", Phases.Failed);

        var scenario = Assert.Single(run.Status!.Scenarios);
        Assert.Equal("Failed", scenario.Result);
        Assert.Equal(2, scenario.Attempts);
        var jobs = await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns);
        Assert.Equal([$"tiny-frames-{created.Metadata.Uid[..8]}-a1-s0", $"tiny-frames-{created.Metadata.Uid[..8]}-a2-s0"], jobs.Items.Select(j => j.Metadata.Name).Order());
        Assert.NotEmpty(scenario.Failures);
        Assert.All(scenario.Failures, f => Assert.StartsWith("thread-management/", f.Id, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(scenario.Failures[0].Message));
        var ready = run.Status.Conditions.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(Reasons.TestsFailed, ready.Reason);
        Assert.Contains(scenario.Failures[0].Id, ready.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionStatuses.True, run.Status.Conditions.Single(c => c.Type == ConditionTypes.Stalled).Status);

        var environment = $"netra-run-{created.Metadata.Uid[..8]}";
        Assert.True(await Bed.NamespaceExistsAsync(environment));

        // Deleting the failed run removes the namespace OnSuccess kept for a look, and the finalizer lets the run go.
        await Bed.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, "tiny-frames");
        await Eventually.WaitUntilAsync(async () => await Bed.ReadRunAsync(ns, "tiny-frames") is null, "failed run deleted", OperatorTestBed.Deadline);
        await Eventually.WaitUntilAsync(async () => !await Bed.NamespaceExistsAsync(environment), $"namespace {environment} removed", OperatorTestBed.Deadline);
    }

    [Fact]
    public async Task Deleting_a_run_in_progress_with_policy_Always_removes_its_namespace_before_the_run_goes()
    {
        var ns = await Bed.CreateNamespaceAsync("deleted");
        Bed.Kubelet.Pause();
        try
        {
            var created = await Bed.CreateRunAsync(ns, """
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: doomed}
                spec:
                  scenarios: [auth-service-independence]
                """);
            await Bed.WaitForPhaseAsync(ns, "doomed", Phases.Deploying);
            var environment = $"netra-run-{created.Metadata.Uid[..8]}";
            var namespaceLabels = (await Bed.Admin.CoreV1.ReadNamespaceAsync(environment)).Metadata.Labels;
            Assert.Equal("restricted", namespaceLabels["pod-security.kubernetes.io/enforce"]);
            Assert.Equal(created.Metadata.Uid, namespaceLabels[ChildNames.RunUidLabel]);
            Assert.Contains(ChildNames.Finalizer, (await Bed.ReadRunAsync(ns, "doomed"))!.Metadata.Finalizers);
            // Created after the namespace, in the order the deploy Job needs them, the Job last.
            await Eventually.WaitUntilAsync(async () => (await Bed.Admin.BatchV1.ListNamespacedJobAsync(environment)).Items.Count == 1, "deploy Job created", OperatorTestBed.Deadline);
            var binding = await Bed.Admin.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(ChildNames.Deployer, environment);
            Assert.Equal("netra-operator-deployer", binding.RoleRef.Name);
            Assert.Equal(ChildNames.Deployer, Assert.Single(binding.Subjects).Name);
            var deploy = (await Bed.Admin.BatchV1.ReadNamespacedJobAsync(ChildNames.DeployJob, environment)).Spec.Template.Spec;
            Assert.Equal(ChildNames.Deployer, deploy.ServiceAccountName);
            Assert.True(deploy.SecurityContext.RunAsNonRoot);
            Assert.All((deploy.InitContainers ?? []).Concat(deploy.Containers), c =>
            {
                Assert.False(c.SecurityContext.AllowPrivilegeEscalation);
                Assert.True(c.SecurityContext.ReadOnlyRootFilesystem);
                Assert.Equal("FallbackToLogsOnError", c.TerminationMessagePolicy);
            });

            await Bed.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, "doomed");

            await Eventually.WaitUntilAsync(async () => await Bed.ReadRunAsync(ns, "doomed") is null, "run deleted", OperatorTestBed.Deadline);
            var namespaceObject = await ApiErrors.ReadOrNullAsync(() => Bed.Admin.CoreV1.ReadNamespaceAsync(environment));
            Assert.True(namespaceObject is null || namespaceObject.Metadata.DeletionTimestamp is not null, "environment namespace deleted");
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    [Fact]
    public async Task A_run_whose_probes_do_not_finish_fails_at_its_timeout()
    {
        var ns = await Bed.CreateNamespaceAsync("timeout");
        Bed.Kubelet.Pause();
        try
        {
            await Bed.CreateRunAsync(ns, $$"""
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: slow}
                spec:
                  timeout: 3s
                  scenarios: [auth-service-independence]
                  environment:
                    mode: Existing
                    endpoints: {{OperatorTestBed.UnreachableEndpoints}}
                """);

            var run = await Bed.WaitForPhaseAsync(ns, "slow", Phases.Failed, TimeSpan.FromSeconds(30));

            Assert.Equal(Reasons.TimedOut, run.Status!.Conditions.Single(c => c.Type == ConditionTypes.Ready).Reason);
            Assert.True(run.Status.CompletionTime - run.Status.StartTime >= TimeSpan.FromSeconds(3));
            var job = Assert.Single((await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items);
            Assert.InRange(job.Spec.ActiveDeadlineSeconds!.Value, 1, 3);
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    [Fact]
    public async Task Schema_rejects_parallelism_11_at_apply()
    {
        var ns = await Bed.CreateNamespaceAsync("schema");

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => Bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: too-wide}
            spec: {parallelism: 11}
            """));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("spec.parallelism", refused.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_mode_without_endpoints_ends_Failed_and_Stalled_with_the_validation_message_and_creates_nothing()
    {
        var ns = await Bed.CreateNamespaceAsync("stalled");
        await Bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: nowhere}
            spec:
              environment: {mode: Existing}
            """);

        TestRun? run = null;
        await Eventually.WaitUntilAsync(async () => (run = await Bed.ReadRunAsync(ns, "nowhere"))?.Status?.Conditions.Any(c => c.Type == ConditionTypes.Stalled) == true,
            "run stalled", OperatorTestBed.Deadline);

        Assert.Equal(Phases.Failed, run!.Status!.Phase);
        Assert.Equal((ConditionStatuses.True, Reasons.InvalidSpec), (run.Status.Conditions.Find(ConditionTypes.Finished)!.Status, run.Status.Conditions.Find(ConditionTypes.Finished)!.Reason));
        var stalled = run.Status.Conditions.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(ConditionStatuses.True, stalled.Status);
        Assert.Equal(Reasons.InvalidSpec, stalled.Reason);
        Assert.Contains("spec.environment.endpoints", stalled.Message, StringComparison.Ordinal);
        Assert.Empty((await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items);
        // The Event follows the status write.
        await Eventually.WaitUntilAsync(async () => (await Bed.EventReasonsAsync(ns, "nowhere")).Contains(Reasons.InvalidSpec), "InvalidSpec event", OperatorTestBed.Deadline);
    }

    [Fact]
    public async Task Existing_mode_probes_the_given_endpoints_with_credentials_from_the_secret_reference()
    {
        await using var services = await Netra.Operator.Local.LocalEnvironment.StartAsync(CancellationToken.None);
        var ns = await Bed.CreateNamespaceAsync("existing");
        var targets = services.Targets;
        await Bed.Admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "probe-credentials" },
            StringData = new Dictionary<string, string>
            {
                ["NETRA_PROBES_USER"] = "alice", ["NETRA_PROBES_PASSWORD"] = "alice-dev-password", ["NETRA_PROBES_ALLOWED_HOSTS"] = targets.AuthUrl.Host,
            },
        }, ns);
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: existing}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                credentialsSecretRef: {name: probe-credentials}
                endpoints: {authUrl: "{{targets.AuthUrl}}", backendUrl: "{{targets.BackendUrl}}", agentUrl: "{{targets.AgentUrl}}"}
            """);

        var run = await Bed.WaitForPhaseAsync(ns, "existing", Phases.Succeeded);

        Assert.Equal("External", run.Status!.Environment!.DeployState);
        Assert.Equal("Passed", Assert.Single(run.Status.Scenarios).Result);
        var job = Assert.Single((await Bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items);
        var credentials = job.Spec.Template.Spec.Containers[0].Env.Select(e => e.ValueFrom.SecretKeyRef).ToList();
        Assert.All(credentials, key => Assert.Equal("probe-credentials", key.Name));
        Assert.Contains(credentials, key => key is { Key: "NETRA_PROBES_USER", Optional: false });
        Assert.DoesNotContain(Phases.Deploying, await Bed.EventReasonsAsync(ns, "existing"));
    }

    [Fact]
    public async Task Operator_account_can_do_what_the_chart_grants_and_nothing_beyond()
    {
        using var client = Bed.Cp.CreateOperatorClient();
        var ns = await Bed.CreateNamespaceAsync("rbac");

        await AssertForbiddenAsync(() => client.CoreV1.ListSecretForAllNamespacesAsync());
        await AssertForbiddenAsync(() => client.CoreV1.ReadNamespacedSecretAsync("anything", ns));
        await AssertForbiddenAsync(() => client.BatchV1.DeleteCollectionNamespacedJobAsync(ns));
        await AssertForbiddenAsync(() => client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new() { Name = "p" }, Spec = new() { Containers = [new() { Name = "c", Image = "x" }] } }, ns));
        // It creates TestRuns for TestRunSchedules, but never a schedule; it reads Deployments for rollouts, but never changes one.
        await AssertForbiddenAsync(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new TestRunSchedule { Metadata = new() { Name = "x" } }, TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural));
        await AssertForbiddenAsync(() => client.AppsV1.DeleteNamespacedDeploymentAsync("x", ns));
        await AssertForbiddenAsync(() => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new() { Name = "escalate" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = ns }],
        }, ns));
        // Leases only in its own namespace.
        await AssertForbiddenAsync(() => client.CoordinationV1.ListNamespacedLeaseAsync(ns));
    }

    private static async Task AssertForbiddenAsync(Func<Task> call)
    {
        var denied = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
    }
}
