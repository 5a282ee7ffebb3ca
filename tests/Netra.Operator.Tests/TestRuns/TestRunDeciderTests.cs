using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>The controller's decisions as a table: what was observed → phase, actions, requeue.</summary>
public sealed class TestRunDeciderTests
{
    /// <summary>The operator's defaults, charts named elsewhere in these tests allowed.</summary>
    private static readonly ControllerSettings Settings = new() { Policy = new TenantPolicy { Charts = ["bundled", "oci://example/"] } };
    private static readonly DateTimeOffset Now = Runs.Start.AddSeconds(30);
    private const string Pass = "thread-management,auth-service-independence";

    public static TheoryData<string, TestRunObservation, string?, string> Cases()
    {
        var ok = Runs.Message(("thread-management", 11, 0), ("auth-service-independence", 3, 0));
        var oneFailed = Runs.Message(("thread-management", 10, 1), ("auth-service-independence", 3, 0));
        var completed = (string phase) => (Action<TestRun>)(r => r.Status = Runs.Started(phase) with { CompletionTime = Now.AddSeconds(-5) });
        return new()
        {
            { "invalid spec: Existing without endpoints", Runs.Observe(Runs.Existing(r => r.Spec.Environment.Endpoints = null)), Phases.Failed, "" },
            { "new Ephemeral run without finalizer", Runs.Observe(Runs.Ephemeral(r => r.Metadata.Finalizers = null)), Phases.Deploying, "AddFinalizer, Namespace/netra-run-0f1e2d3c" },
            { "namespace there, nothing inside", Runs.Observe(Runs.Ephemeral(), ChildPresence.Present), Phases.Deploying, "RoleBinding/netra-operator, ResourceQuota/netra-quota, LimitRange/netra-limits, NetworkPolicy/netra-deny-all, NetworkPolicy/netra-allow-environment, NetworkPolicy/netra-allow-deploy, ServiceAccount/netra-deployer, RoleBinding/netra-deployer, ConfigMap/netra-values, ConfigMap/netra-charts, Job/netra-deploy" },
            { "deploy Job running", Runs.Observe(Runs.Ephemeral(), ChildPresence.Present, new("netra-deploy", JobProgress.Running)), Phases.Deploying, "" },
            { "deploy Job running, a pod stuck", Runs.Observe(Runs.Ephemeral(), ChildPresence.Present, new("netra-deploy", JobProgress.Running, Problem: "pod x, container helm-auth: ImagePullBackOff")), Phases.Failed, "" },
            { "probe Job running, its pod killed for memory: counted as failed, the next one starts", Runs.Observe(Runs.Existing(), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Running) with { Problem = "pod y, container probes: OOMKilled: the container used more memory than its limit" }), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s1" },
            { "probe Job running, its pod cannot start: the run ends (preflight)", Runs.Observe(Runs.Existing(), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Running) with { Problem = "pod y, container probes: CreateContainerConfigError: secret \"creds\" not found" }), Phases.Failed, "" },
            { "probe Job's preflight failed", Runs.Observe(Runs.Existing(r => r.Spec.Retries = 2), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed, Runs.Aborted("agent is unreachable"))), Phases.Failed, "" },
            { "deploy Job failed", Runs.Observe(Runs.Ephemeral(), ChildPresence.Present, new("netra-deploy", JobProgress.Failed, "Error: chart not found")), Phases.Failed, "" },
            { "deployed: first probe Job", Runs.Observe(Runs.Ephemeral(), ChildPresence.Present, new("netra-deploy", JobProgress.Succeeded)), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s0" },
            { "parallelism 2: two probe Jobs", Runs.Observe(Runs.Existing(r => r.Spec.Parallelism = 2)), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s0, Job/smoke-0f1e2d3c-a1-s1" },
            { "probe Job running", Runs.Observe(Runs.Existing(), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Running)), Phases.Probing, "" },
            { "first probe Job passed, parallelism 1: the next scenario's Job", Runs.Observe(Runs.Existing(), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Succeeded, ok)), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s1" },
            { "both probe Jobs passed", Runs.Observe(Runs.Existing(), probes: [Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Succeeded, ok), Runs.Probe(Runs.Existing(), 1, 1, JobProgress.Succeeded, ok)]), Phases.Succeeded, "" },
            { "probe Job failed, no retries", Runs.Observe(Runs.Existing(), probes: [Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed, oneFailed), Runs.Probe(Runs.Existing(), 1, 1, JobProgress.Succeeded, ok)]), Phases.Failed, "" },
            { "probe Job failed, one retry left: the retry first", Runs.Observe(Runs.Existing(r => r.Spec.Retries = 1), probes: Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed, oneFailed)), Phases.Probing, "Job/smoke-0f1e2d3c-a2-s0" },
            { "retry running, parallelism 2: the other scenario beside it", Runs.Observe(Runs.Existing(r => { r.Spec.Retries = 1; r.Spec.Parallelism = 2; }), probes: [Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed, oneFailed), Runs.Probe(Runs.Existing(), 2, 0, JobProgress.Running)]), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s1" },
            { "retry passed", Runs.Observe(Runs.Existing(r => r.Spec.Retries = 1), probes: [Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed, oneFailed), Runs.Probe(Runs.Existing(), 2, 0, JobProgress.Succeeded, Runs.Message(("thread-management", 11, 0))), Runs.Probe(Runs.Existing(), 1, 1, JobProgress.Succeeded, ok)]), Phases.Succeeded, "" },
            { "pod gone without a message", Runs.Observe(Runs.Existing(), probes: [new JobObservation(Runs.Probe(Runs.Existing(), 1, 0, JobProgress.Failed).Name, JobProgress.Failed, null, "DeadlineExceeded"), Runs.Probe(Runs.Existing(), 1, 1, JobProgress.Succeeded, ok)]), Phases.Failed, "" },
            { "exclusive scenario waits for the shared ones", Runs.Observe(Runs.Existing(r => { r.Spec.Scenarios = ["agent-failure-recovery", "thread-management"]; r.Spec.Parallelism = 2; })), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s1" },
            { "exclusive scenario runs alone once the shared ones are done", Runs.Observe(Runs.Existing(r => { r.Spec.Scenarios = ["agent-failure-recovery", "thread-management"]; r.Spec.Parallelism = 2; }), probes: Runs.Probe(Runs.Existing(), 1, 1, JobProgress.Succeeded, ok)), Phases.Probing, "Job/smoke-0f1e2d3c-a1-s0" },
            { "timeout passed", Runs.Observe(Runs.Existing(r => { r.Spec.Timeout = "10s"; r.Status = Runs.Started(Phases.Probing); })), Phases.Failed, "" },
            { "finished, ttl not due", Runs.Observe(Runs.Ephemeral(r => { completed(Phases.Succeeded)(r); r.Spec.Cleanup!.TtlSecondsAfterFinished = 60; }), ChildPresence.Present), Phases.Succeeded, "" },
            { "finished, ttl due", Runs.Observe(Runs.Ephemeral(completed(Phases.Succeeded)), ChildPresence.Present), Phases.Succeeded, "DeleteNamespace/netra-run-0f1e2d3c" },
            { "finished, run ttl due: the run is deleted", Runs.Observe(Runs.Existing(r => { completed(Phases.Succeeded)(r); r.Spec.TtlSecondsAfterFinished = 5; })), Phases.Succeeded, "DeleteRun" },
            { "finished, run ttl not due", Runs.Observe(Runs.Existing(r => { completed(Phases.Succeeded)(r); r.Spec.TtlSecondsAfterFinished = 60; })), Phases.Succeeded, "" },
            { "finished, namespace terminating", Runs.Observe(Runs.Ephemeral(completed(Phases.Succeeded)), ChildPresence.Terminating), Phases.Succeeded, "" },
            { "namespace deleted during the run", Runs.Observe(Runs.Ephemeral(r => r.Status = Runs.Started(Phases.Probing)), ChildPresence.Terminating, new("netra-deploy", JobProgress.Succeeded)), Phases.Failed, "" },
            { "failed, OnSuccess keeps namespace", Runs.Observe(Runs.Ephemeral(r => { completed(Phases.Failed)(r); r.Spec.Cleanup!.Policy = CleanupPolicies.OnSuccess; }), ChildPresence.Present), Phases.Failed, "" },
            { "deleted, Always", Runs.Observe(Runs.Ephemeral(r => r.Metadata.DeletionTimestamp = DateTime.UtcNow), ChildPresence.Present), null, "DeleteNamespace/netra-run-0f1e2d3c, RemoveFinalizer" },
            { "deleted, Never: the namespace goes with the run", Runs.Observe(Runs.Ephemeral(r => { r.Metadata.DeletionTimestamp = DateTime.UtcNow; r.Spec.Cleanup!.Policy = CleanupPolicies.Never; }), ChildPresence.Present), null, "DeleteNamespace/netra-run-0f1e2d3c, RemoveFinalizer" },
            { "deleted, namespace already gone", Runs.Observe(Runs.Ephemeral(r => r.Metadata.DeletionTimestamp = DateTime.UtcNow)), null, "RemoveFinalizer" },
            { "finished, spec edited, namespace there: it goes first", Runs.Observe(Runs.Ephemeral(r => { completed(Phases.Succeeded)(r); r.Metadata.Generation = 2; }), ChildPresence.Present), Phases.Succeeded, "DeleteNamespace/netra-run-0f1e2d3c" },
            { "finished, spec edited, namespace gone: the next run starts", Runs.Observe(Runs.Ephemeral(r => { completed(Phases.Succeeded)(r); r.Metadata.Generation = 2; })), Phases.Pending, "" },
            { "finished, rerun annotation changed", Runs.Observe(Runs.Existing(r => { completed(Phases.Failed)(r); r.Metadata.Annotations = new Dictionary<string, string> { [ChildNames.RerunAnnotation] = "2" }; })), Phases.Pending, "" },
            { "finished, same generation and annotation", Runs.Observe(Runs.Existing(completed(Phases.Failed))), Phases.Failed, "" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_phase_and_actions(string situation, TestRunObservation observation, string? phase, string actions)
    {
        var decision = TestRunDecider.Decide(observation, Settings, Now);

        Assert.True(phase == (decision.Status?.Phase ?? observation.Run.Status?.Phase), $"{situation}: phase {decision.Status?.Phase}");
        Assert.Equal(actions, string.Join(", ", decision.Actions.Select(Describe)));
    }

    [Fact]
    public void Invalid_spec_ends_the_run_Stalled_and_Finished_with_the_validation_message_and_nothing_created()
    {
        var decision = TestRunDecider.Decide(Runs.Observe(Runs.Existing(r => r.Spec.Environment.Endpoints = null)), Settings, Now);

        Assert.Empty(decision.Actions);
        Assert.True(decision.Status!.Conditions.IsTrue(ConditionTypes.Finished));
        Assert.Equal(Reasons.InvalidSpec, decision.Status.Conditions.Find(ConditionTypes.Finished)!.Reason);

        var stalled = Assert.Single(decision.Status!.Conditions, c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(ConditionStatuses.True, stalled.Status);
        Assert.Equal(Reasons.InvalidSpec, stalled.Reason);
        Assert.Contains("endpoints", stalled.Message, StringComparison.Ordinal);
        Assert.Null(decision.RequeueAfter);
    }

    [Fact]
    public void Results_come_from_the_termination_messages_with_the_failures_messages()
    {
        var run = Runs.Existing(r => r.Status = Runs.Started(Phases.Probing));
        var decision = TestRunDecider.Decide(
            Runs.Observe(run, probes:
            [
                Runs.Probe(run, 1, 0, JobProgress.Failed, Runs.Message(("thread-management", 10, 1))),
                Runs.Probe(run, 1, 1, JobProgress.Succeeded, Runs.Message(("auth-service-independence", 3, 0))),
            ]), Settings, Now);

        var status = decision.Status!;
        Assert.Equal(new TestSummary { Total = 14, Passed = 13, Failed = 1 }, status.Summary);
        Assert.Equal([("thread-management", "Failed"), ("auth-service-independence", "Passed")], status.Scenarios.Select(s => (s.Name, s.Result)));
        Assert.Equal("expected 1, got 2", Assert.Single(status.Scenarios[0].Failures).Message);
        Assert.Contains("thread-management/some-case: expected 1, got 2", status.Conditions.Single(c => c.Type == ConditionTypes.Ready).Message, StringComparison.Ordinal);
        Assert.Equal(Now, status.CompletionTime);
        Assert.Equal("30s", status.Duration);
    }

    [Fact]
    public void Probe_jobs_carry_the_restricted_pod_security_and_the_remaining_time_as_deadline()
    {
        var run = Runs.Existing(r =>
        {
            r.Spec.Timeout = "2m";
            r.Spec.Environment.CredentialsSecretRef = new SecretReference { Name = "probe-credentials" };
            r.Status = Runs.Started(Phases.Probing);
        });
        var job = (V1Job)Assert.IsType<CreateChild>(Assert.Single(TestRunDecider.Decide(Runs.Observe(run), Settings, Now).Actions)).Child;

        Assert.Equal(90, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal(0, job.Spec.BackoffLimit);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("FallbackToLogsOnError", container.TerminationMessagePolicy);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.EnvFrom);
        Assert.Equal(CredentialVariables.All, container.Env.Select(e => e.ValueFrom.SecretKeyRef.Key));
        Assert.All(container.Env, e => Assert.Equal(("probe-credentials", e.Name), (e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.Equal(CredentialVariables.Required, container.Env.Where(e => e.ValueFrom.SecretKeyRef.Optional == false).Select(e => e.Name));
        Assert.Equal(["run", "--auth-url", "http://auth.test", "--backend-url", "http://backend.test", "--agent-url", "http://agent.test",
            "--scenario", "thread-management", "--termination-log", "/dev/termination-log", "--log-report", "--profile", "safe",
            "--preflight-timeout", "45s"], container.Args);
        Assert.Equal("thread-management", job.Metadata.Labels[ChildNames.ScenarioLabel]);
        Assert.Equal(run.Metadata.Uid, Assert.Single(job.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public void Deploy_job_installs_the_three_charts_side_by_side_with_the_probe_settings_and_the_spec_values()
    {
        var run = Runs.Ephemeral(r => r.Spec.Environment.Charts = new ChartsSpec
        {
            Backend = new ChartSpec { Chart = "oci://example/backend", Version = "1.2.3", Values = new() { ["config"] = new System.Text.Json.Nodes.JsonObject { ["Backend__MaxFrameBytes"] = "64" } } },
        });
        var actions = TestRunDecider.Decide(Runs.Observe(run, ChildPresence.Present), Settings, Now).Actions.OfType<CreateChild>().Select(a => a.Child).ToList();

        var job = actions.OfType<V1Job>().Single();
        // Containers of one pod, not init containers: the three releases install and wait at the same time.
        Assert.Null(job.Spec.Template.Spec.InitContainers);
        var helm = job.Spec.Template.Spec.Containers.ToList();
        Assert.Equal(["helm-auth", "helm-agent", "helm-backend"], helm.Select(c => c.Name));
        Assert.Equal(["netra-auth", "netra-agent", "netra-backend"], helm.Select(c => c.Args[2]));
        Assert.All(helm, c => Assert.Contains("--wait", c.Args));
        Assert.All(helm, c => Assert.Equal(["upgrade", "--install"], c.Args.Take(2)));
        Assert.Equal(["oci://example/backend", "--namespace", Runs.EnvironmentNamespace], helm[2].Args.Skip(3).Take(3));
        Assert.Equal(["--version", "1.2.3"], helm[2].Args.TakeLast(2));
        Assert.Equal("/charts/netra-auth.tgz", helm[0].Args[3]);
        Assert.DoesNotContain("--version", helm[0].Args);
        Assert.Contains(helm[0].VolumeMounts, m => m.Name == "charts" && m.MountPath == "/charts");
        Assert.Equal("netra-deployer", job.Spec.Template.Spec.ServiceAccountName);

        var values = actions.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == ChildNames.ValuesConfigMap).Data;
        Assert.Contains("\"Backend__MaxFrameBytes\":\"64\"", values["backend.json"], StringComparison.Ordinal);
        Assert.Contains($"\"Services__AuthUrl\":\"http://netra-auth.{Runs.EnvironmentNamespace}.svc\"", values["backend.json"], StringComparison.Ordinal);
        Assert.Contains("\"Agent__FaultInjection__Enabled\":\"true\"", values["agent.json"], StringComparison.Ordinal);

        var ns = Netra.Operator.Core.TestRuns.Manifests.EnvironmentManifests.Namespace(run);
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal(Runs.Uid, ns.Metadata.Labels[ChildNames.RunUidLabel]);
    }

    [Theory]
    [InlineData(ChildPresence.Present, DeployStates.Removing)]
    [InlineData(ChildPresence.Terminating, DeployStates.Removing)]
    [InlineData(ChildPresence.Absent, DeployStates.Removed)]
    public void After_completion_the_deploy_state_says_Removed_only_once_the_namespace_is_gone(ChildPresence ns, string state)
    {
        var run = Runs.Ephemeral(r => r.Status = Runs.Started(Phases.Succeeded) with { CompletionTime = Now.AddSeconds(-5) });

        var decision = TestRunDecider.Decide(Runs.Observe(run, ns), Settings, Now);

        Assert.Equal(state, decision.Status!.Environment!.DeployState);
        Assert.Equal(ns == ChildPresence.Absent ? null : Netra.Operator.Core.TestRuns.Stages.CleanupStage.TerminatingPollInterval, decision.RequeueAfter);
    }

    [Fact]
    public void A_rerun_starts_the_next_run_with_the_finished_one_at_the_head_of_its_history_and_new_probe_job_names()
    {
        var run = Runs.Existing(r =>
        {
            r.Status = Runs.Started(Phases.Failed) with
            {
                CompletionTime = Now.AddSeconds(-5),
                ObservedGeneration = 1,
                Summary = new TestSummary { Total = 14, Passed = 13, Failed = 1 },
                Conditions = Netra.Operator.Core.Status.RunConditions.Failed(Reasons.TestsFailed, "1 failed", 1, Now, []),
            };
            r.Metadata.Generation = 3;
        });

        var next = TestRunDecider.Decide(Runs.Observe(run), Settings, Now).Status!;

        Assert.Equal((Phases.Pending, 2, 3L), (next.Phase, next.Run, next.ObservedGeneration));
        var record = Assert.Single(next.History);
        Assert.Equal((1, Phases.Failed, Reasons.TestsFailed, 13), (record.Run, record.Phase, record.Reason, record.Summary!.Passed));
        Assert.Null(next.StartTime);
        Assert.False(next.Conditions.IsTrue(ConditionTypes.Finished));
        run.Status = next;
        var job = (k8s.Models.V1Job)Assert.IsType<CreateChild>(TestRunDecider.Decide(Runs.Observe(run), Settings, Now).Actions.Single()).Child;
        Assert.Equal("smoke-0f1e2d3c-r2-a1-s0", job.Metadata.Name);
    }

    [Fact]
    public void A_run_that_ends_keeps_every_case_of_the_last_attempts_in_a_results_config_map_owned_by_it()
    {
        var run = Runs.Existing(r => { r.Spec.Parallelism = 2; r.Status = Runs.Started(Phases.Probing); });

        var decision = TestRunDecider.Decide(Runs.Observe(run, probes:
        [
            Runs.Probe(run, 1, 0, JobProgress.Succeeded, Runs.MessageWithReport("thread-management", 11)),
            Runs.Probe(run, 1, 1, JobProgress.Succeeded, Runs.MessageWithReport("auth-service-independence", 3)),
        ]), Settings, Now);

        var results = (k8s.Models.V1ConfigMap)Assert.IsType<CreateChild>(Assert.Single(decision.Actions)).Child;
        Assert.Equal("smoke-results", results.Metadata.Name);
        Assert.Equal(Runs.Uid, Assert.Single(results.Metadata.OwnerReferences).Uid);
        var report = System.Text.Json.Nodes.JsonNode.Parse(results.Data[Netra.Operator.Core.TestRuns.Stages.ResultsStage.ReportKey])!;
        Assert.Equal(["thread-management", "auth-service-independence"], report["scenarios"]!.AsArray().Select(s => (string)s!["name"]!));
        Assert.Equal(14, (int)report["summary"]!["passed"]!);
        Assert.Equal(14, report["scenarios"]!.AsArray().Sum(s => s!["cases"]!.AsArray().Count));
    }

    [Fact]
    public void The_history_keeps_the_last_five_runs()
    {
        var history = Enumerable.Range(1, 5).Reverse().Select(n => new RunRecord { Run = n, Phase = Phases.Succeeded }).ToList();
        var run = Runs.Existing(r =>
        {
            r.Status = Runs.Started(Phases.Succeeded) with { Run = 6, History = history, ObservedGeneration = 1, CompletionTime = Now };
            r.Metadata.Annotations = new Dictionary<string, string> { [ChildNames.RerunAnnotation] = "again" };
        });

        var next = TestRunDecider.Decide(Runs.Observe(run), Settings, Now).Status!;

        Assert.Equal([6, 5, 4, 3, 2], next.History.Select(h => h.Run));
        Assert.Equal("again", next.Rerun);
    }

    [Theory]
    [InlineData(false)] // the run's timeout seen while the probe Job still runs
    [InlineData(true)]  // the probe Job already stopped at its deadline, the run's own: cut off, not finished
    public void A_run_that_times_out_keeps_the_results_of_the_scenarios_that_finished_and_lists_the_others_as_not_run(bool jobPastDeadline)
    {
        var run = Runs.Existing(r => { r.Spec.Timeout = "10s"; r.Spec.Parallelism = 2; r.Status = Runs.Started(Phases.Probing); });
        var cutOff = jobPastDeadline
            ? Runs.Probe(run, 1, 1, JobProgress.Failed) with { FailureReason = "DeadlineExceeded: Job was active longer", PastDeadline = true }
            : Runs.Probe(run, 1, 1, JobProgress.Running);
        var observation = Runs.Observe(run, probes:
        [
            Runs.Probe(run, 1, 0, JobProgress.Succeeded, Runs.Message(("thread-management", 11, 0))),
            cutOff,
        ]);

        var status = TestRunDecider.Decide(observation, Settings, Now).Status!;

        Assert.Equal(Phases.Failed, status.Phase);
        Assert.Equal(Reasons.TimedOut, status.Conditions.Find(ConditionTypes.Ready)!.Reason);
        Assert.Equal([("thread-management", ScenarioResults.Passed), ("auth-service-independence", ScenarioResults.NotRun)], status.Scenarios.Select(s => (s.Name, s.Result)));
        Assert.Equal(new TestSummary { Total = 11, Passed = 11 }, status.Summary);
        Assert.Contains("1 of 2 scenarios finished", status.Conditions.Find(ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probe_Job_stopped_at_its_deadline_while_the_run_has_time_left_is_not_retried_the_run_waits_for_its_timeout()
    {
        // The Job's deadline is the run's, so this is only a clock between the API server and the operator running ahead.
        var run = Runs.Existing(r => { r.Spec.Timeout = "1h"; r.Spec.Parallelism = 2; r.Status = Runs.Started(Phases.Probing); });
        var observation = Runs.Observe(run, probes:
        [
            Runs.Probe(run, 1, 0, JobProgress.Succeeded, Runs.Message(("thread-management", 11, 0))),
            Runs.Probe(run, 1, 1, JobProgress.Failed) with { PastDeadline = true },
        ]);

        var decision = TestRunDecider.Decide(observation, Settings, Now);

        Assert.Equal(Phases.Probing, decision.Status!.Phase);
        Assert.Empty(decision.Actions.OfType<CreateChild>());
    }

    [Fact]
    public void A_namespace_deleted_during_the_run_fails_it_with_a_message_naming_the_namespace()
    {
        var run = Runs.Ephemeral(r => r.Status = Runs.Started(Phases.Probing));

        var status = TestRunDecider.Decide(Runs.Observe(run, ChildPresence.Terminating, new("netra-deploy", JobProgress.Succeeded)), Settings, Now).Status!;

        var ready = status.Conditions.Find(ConditionTypes.Ready)!;
        Assert.Equal(Reasons.DeployFailed, ready.Reason);
        Assert.Contains(Runs.EnvironmentNamespace, ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_deploy_whose_namespace_was_read_keeps_its_evidence_in_the_results_ConfigMap_and_its_message_points_there()
    {
        var failed = new JobObservation("netra-deploy", JobProgress.Failed, "Error: chart not found");
        var decision = TestRunDecider.Decide(DeployEvidenceDecisionTests.Observe(failed, DeployEvidenceDecisionTests.Facts()), Settings, Now);

        var kept = Assert.IsType<V1ConfigMap>(Assert.IsType<CreateChild>(Assert.Single(decision.Actions)).Child);
        Assert.Contains("Error: chart not found", kept.Data[Core.TestRuns.Evidence.DeployEvidence.Key], StringComparison.Ordinal);
        Assert.Equal("team", kept.Metadata.NamespaceProperty);
        var ready = decision.Status!.Conditions.Find(ConditionTypes.Ready)!;
        Assert.Equal(Reasons.DeployFailed, ready.Reason);
        Assert.Equal("The deploy Job netra-deploy failed: Error: chart not found. Evidence: netra-operator results smoke -n team", ready.Message);
    }

    [Fact]
    public void A_run_that_times_out_while_helm_still_works_keeps_the_deploys_evidence_and_its_message_points_there()
    {
        var run = Runs.Ephemeral(r => { r.Spec.Timeout = "10s"; r.Status = Runs.Started(Phases.Deploying); });
        var helm = new JobObservation("netra-deploy", JobProgress.Running);
        var decision = TestRunDecider.Decide(DeployEvidenceDecisionTests.Observe(helm, DeployEvidenceDecisionTests.Facts(), run), Settings, Now);

        var kept = Assert.IsType<V1ConfigMap>(Assert.IsType<CreateChild>(Assert.Single(decision.Actions)).Child);
        Assert.True(kept.Data.ContainsKey(Core.TestRuns.Evidence.DeployEvidence.Key));
        var finished = decision.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.TimedOut, finished.Reason);
        Assert.EndsWith(". Evidence: netra-operator results smoke -n team", finished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deciding_leaves_the_observed_run_as_it_was()
    {
        var run = Runs.Existing(r => { r.Spec.Parallelism = null; r.Spec.Timeout = null; });

        TestRunDecider.Decide(Runs.Observe(run), Settings, Now);

        Assert.Null(run.Spec.Parallelism);
        Assert.Null(run.Spec.Timeout);
        Assert.Null(run.Status);
    }

    [Fact]
    public void The_installers_pull_secrets_and_registry_reach_every_pod_the_operator_creates()
    {
        var settings = Settings with { ImagePullSecrets = ["regcred"], ServiceImageRegistry = "registry.example.com:5000" };
        var deploy = TestRunDecider.Decide(Runs.Observe(Runs.Ephemeral(), ChildPresence.Present), settings, Now).Actions.ToList();
        var probe = TestRunDecider.Decide(Runs.Observe(Runs.Existing()), settings, Now).Actions.OfType<CreateChild>().Select(a => a.Child).OfType<V1Job>().Single();

        Assert.Contains(new CopySecret("netra-system", "regcred", Runs.EnvironmentNamespace), deploy);
        var children = deploy.OfType<CreateChild>().Select(a => a.Child).ToList();
        Assert.Equal("regcred", Assert.Single(children.OfType<V1Job>().Single().Spec.Template.Spec.ImagePullSecrets).Name);
        Assert.Equal("regcred", Assert.Single(probe.Spec.Template.Spec.ImagePullSecrets).Name);
        var values = System.Text.Json.Nodes.JsonNode.Parse(children.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "netra-values").Data["auth.json"])!;
        Assert.Equal("regcred", (string?)values["imagePullSecrets"]![0]!["name"]);
        Assert.Equal("registry.example.com:5000", (string?)values["image"]!["registry"]);
        Assert.True(deploy.IndexOf(new CopySecret("netra-system", "regcred", Runs.EnvironmentNamespace)) < deploy.IndexOf(deploy.Single(a => a is CreateChild { Child: V1Job })));
    }

    [Fact]
    public void The_bundled_charts_reach_the_deploy_job_as_chart_archives_in_a_config_map_and_a_chart_named_elsewhere_does_not()
    {
        var run = Runs.Ephemeral(r => r.Spec.Environment.Charts = new ChartsSpec { Backend = new ChartSpec { Chart = "oci://example/backend" } });

        var charts = TestRunDecider.Decide(Runs.Observe(run, ChildPresence.Present), Settings, Now).Actions
            .OfType<CreateChild>().Select(a => a.Child).OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "netra-charts");

        Assert.Equal(["netra-agent.tgz", "netra-auth.tgz"], charts.BinaryData.Keys.Order());
        using var archive = new System.IO.Compression.GZipStream(new MemoryStream(charts.BinaryData["netra-auth.tgz"]), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(archive);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Contains("netra-auth/Chart.yaml", names);
        Assert.Contains("netra-auth/values.yaml", names);
        Assert.Contains("netra-auth/templates/deployment.yaml", names);
        Assert.True(charts.BinaryData.Values.Sum(b => b.Length) < 256 * 1024, "well within a ConfigMap's 1 MiB");
    }

    private static string Describe(ChildAction action) => action switch
    {
        CreateChild c => $"{c.Child.Kind}/{c.Child.Metadata.Name}",
        DeleteNamespace d => $"DeleteNamespace/{d.Name}",
        _ => action.GetType().Name,
    };
}
