using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The operator as a process: health and metrics, leader election between instances, a kill in the
/// middle of a run; and status writes racing another writer. No operator runs between these tests.
/// </summary>
public sealed class OperatorProcessTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    private static readonly TimeSpan LeaseDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_instances_elect_one_leader_the_other_stays_idle_and_takes_over_when_the_leader_stops()
    {
        var lease = $"election-{Guid.NewGuid():N}"[..20];
        var first = bed.StartOperator(lease, "first");
        await using var second = bed.StartOperator(lease, "second");
        try
        {
            await Eventually.WaitUntilAsync(() => first.IsLeader || second.IsLeader, "a leader elected", LeaseDeadline);
            var (leader, follower) = first.IsLeader ? (first, second) : (second, first);
            Assert.False(follower.IsLeader);
            var holder = await bed.Admin.CoordinationV1.ReadNamespacedLeaseAsync(lease, ControlPlane.OperatorNamespace);
            Assert.Equal(leader == first ? "first" : "second", holder.Spec.HolderIdentity);

            var ns = await bed.CreateNamespaceAsync("election");
            await bed.CreateRunAsync(ns, Stalled("one"));
            await Eventually.WaitUntilAsync(async () => (await bed.ReadRunAsync(ns, "one"))?.Status is not null, "first run reconciled", OperatorTestBed.Deadline);
            await Eventually.WaitUntilAsync(async () => await ReconcilesAsync(leader) > 0, "the leader counts its reconcile", OperatorTestBed.Deadline);
            Assert.Equal(0, await ReconcilesAsync(follower));
            Assert.Contains("netra_operator_leader 0", await MetricsAsync(follower), StringComparison.Ordinal);

            await leader.DisposeAsync();

            await Eventually.WaitUntilAsync(() => follower.IsLeader, "the other instance leads", LeaseDeadline);
            await bed.CreateRunAsync(ns, Stalled("two"));
            await Eventually.WaitUntilAsync(async () => (await bed.ReadRunAsync(ns, "two"))?.Status is not null, "second run reconciled by the new leader", OperatorTestBed.Deadline);
            await Eventually.WaitUntilAsync(async () => await ReconcilesAsync(follower) > 0, "the new leader counts its reconcile", OperatorTestBed.Deadline);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Serve_without_its_Lease_namespace_logs_the_cause_in_one_json_line_and_is_not_ready()
    {
        var port = ControlPlane.FreeLoopbackPort();
        await using var process = bed.StartOperatorProcess("nowhere", "lost", port, leaseNamespace: "no-such-namespace");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        string? line = null;
        await Eventually.WaitUntilAsync(
            () => (line = process.Tail(200).Split('\n').FirstOrDefault(l => l.Contains("no-such-namespace", StringComparison.Ordinal)
                && l.Contains("does not exist", StringComparison.Ordinal))) is not null,
            "the cause logged", LeaseDeadline);

        using var entry = System.Text.Json.JsonDocument.Parse(line!);
        Assert.Equal("Error", entry.RootElement.GetProperty("@l").GetString());
        Assert.True(DateTimeOffset.TryParse(entry.RootElement.GetProperty("@t").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Serve_outside_a_cluster_without_a_kubeconfig_says_so_in_one_line_and_exits_2()
    {
        var home = Directory.CreateTempSubdirectory("netra-home-");
        try
        {
            var exit = await CommandProcess.RunAsync(
                "netra-operator", ["serve"], LeaseDeadline, new Dictionary<string, string> { ["HOME"] = home.FullName, ["KUBECONFIG"] = string.Empty });

            Assert.Equal(2, exit.Code);
            Assert.Contains("no kubeconfig", Assert.Single(exit.StderrLines), StringComparison.Ordinal);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public Task SIGTERM_stops_the_leader_within_two_seconds_and_releases_its_Lease_so_the_standby_leads_before_it_would_expire() =>
        SigtermHandover.AssertAsync(bed, executable: null);

    [Fact]
    public Task SIGTERM_to_the_last_instance_clears_the_Lease_holder_so_that_it_names_no_pod_that_is_gone() =>
        SigtermHandover.AssertLeaseClearedAsync(bed, executable: null);

    [Fact]
    public async Task Health_readiness_and_metrics_are_served()
    {
        await using var host = bed.StartOperator($"health-{Guid.NewGuid():N}"[..20], "health");
        using var http = new HttpClient { BaseAddress = host.HealthAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        await Eventually.WaitUntilAsync(
            async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "ready once it reached the API", LeaseDeadline);
        await Eventually.WaitUntilAsync(() => host.IsLeader, "sole instance leads", LeaseDeadline);
        var ns = await bed.CreateNamespaceAsync("metrics");
        await bed.CreateRunAsync(ns, Stalled("measured"));
        await Eventually.WaitUntilAsync(async () => await ReconcilesAsync(host) > 0, "a reconcile counted", OperatorTestBed.Deadline);

        var metrics = await MetricsAsync(host);
        Assert.Contains("netra_operator_leader 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_operator_reconcile_duration_seconds_count{controller=\"testrun\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_operator_workqueue_depth{controller=\"testrun\"}", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Cp.OperatorToken, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_operator_is_replaced_and_the_run_finishes_without_a_second_namespace_deploy_job_or_probe_job()
    {
        var lease = $"restart-{Guid.NewGuid():N}"[..20];
        var ns = await bed.CreateNamespaceAsync("restart");
        bed.Kubelet.Pause();
        TestRun created;
        await using (var process = bed.StartOperatorProcess(lease, "doomed"))
        {
            created = await bed.CreateRunAsync(ns, """
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: survivor}
                spec:
                  scenarios: [thread-management, auth-service-independence]
                  parallelism: 2
                """);
            var environment = $"netra-run-{created.Metadata.Uid[..8]}";
            await Eventually.WaitUntilAsync(async () => (await bed.Admin.BatchV1.ListNamespacedJobAsync(environment)).Items.Count == 1,
                "deploy Job created by the first operator", OperatorTestBed.Deadline);
            // Disposing kills the process tree: no clean shutdown, no lease released.
        }

        await using var replacement = bed.StartOperator(lease, "replacement");
        await bed.Kubelet.ResumeAsync();
        var run = await bed.WaitForPhaseAsync(ns, "survivor", Phases.Succeeded);

        Assert.Equal(2, run.Status!.Scenarios.Count(s => s.Result == "Passed"));
        var selector = $"{ChildNames.RunUidLabel}={created.Metadata.Uid}";
        Assert.Single((await bed.Admin.CoreV1.ListNamespaceAsync(labelSelector: selector)).Items);
        Assert.Single((await bed.Admin.BatchV1.ListJobForAllNamespacesAsync(labelSelector: $"{selector},{ChildNames.ComponentLabel}={ChildNames.DeployComponent}")).Items);
        Assert.Equal(2, (await bed.Admin.BatchV1.ListJobForAllNamespacesAsync(labelSelector: ChildNames.ProbeSelector(created))).Items.Count);
    }

    /// <remarks>Here rather than beside the lifecycle tests: no operator may write the same status meanwhile.</remarks>
    [Fact]
    public async Task Status_write_on_a_stale_read_is_refused_with_409_then_observed_decided_and_written_again()
    {
        var ns = await bed.CreateNamespaceAsync("conflict");
        var stale = await bed.CreateRunAsync(ns, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: raced}
            spec:
              environment: {mode: Existing}
            """);
        // Someone else changes the object after our read.
        await bed.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, "raced");
        using var client = bed.Cp.CreateOperatorClient();
        var reconciler = new StaleFirstReconciler(client, stale);

        var result = await reconciler.ReconcileAsync($"{ns}/raced", CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(1, reconciler.Writer.Conflicts);
        Assert.Equal(2, reconciler.Seen.Distinct().Count());
        var read = await bed.ReadRunAsync(ns, "raced");
        Assert.Equal("yes", read!.Metadata.Labels["touched"]);
        Assert.Equal(Phases.Pending, read.Status!.Phase);
    }

    /// <summary>The one reconcile with a status of its own making, whose first look at the run is the stale copy.</summary>
    private sealed class StaleFirstReconciler(IKubernetes client, TestRun stale)
        : Reconciler<TestRun, TestRunStatus, TestRun, TestRunDecision>(TimeProvider.System)
    {
        private bool _staleGiven;

        public StatusWriter<TestRun, TestRunStatus> Writer { get; } = new(client, TestRun.Group, TestRun.Version, TestRun.Plural);

        public List<string?> Seen { get; } = [];

        protected override Task<TestRun?> ObserveAsync(string key, CancellationToken cancellationToken) => Task.FromResult<TestRun?>(stale);

        protected override async Task<TestRun?> ObserveCurrentAsync(TestRun cached, CancellationToken cancellationToken)
        {
            if (!_staleGiven)
            {
                _staleGiven = true;
                return stale;
            }

            var item = await client.CustomObjects.GetNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, cached.Metadata.NamespaceProperty, TestRun.Plural, cached.Metadata.Name, cancellationToken);
            return KubernetesJson.Deserialize<TestRun>(((System.Text.Json.JsonElement)item).GetRawText());
        }

        protected override TestRun ResourceOf(TestRun observation) => observation;

        protected override TestRunDecision Decide(TestRun observation, DateTimeOffset now)
        {
            Seen.Add(observation.Metadata.ResourceVersion);
            return new([], new TestRunStatus { Phase = Phases.Pending, ObservedGeneration = observation.Metadata.Generation }, null);
        }

        protected override Task<TestRun> ActAsync(TestRun observation, TestRunDecision decision, CancellationToken cancellationToken) =>
            Task.FromResult(observation);

        protected override Task<bool> WriteStatusAsync(TestRun resource, TestRunStatus status, CancellationToken cancellationToken) =>
            Writer.ReplaceAsync(resource, status, cancellationToken);

        protected override void Record(TestRun observation, TestRunDecision decision, bool statusWritten)
        {
        }
    }

    /// <remarks>Here too: the reconciler is called directly, with a cache it was not given by a watch.</remarks>
    [Fact]
    public async Task A_reconcile_woken_with_an_out_of_date_cached_run_acts_on_the_run_as_the_server_has_it()
    {
        var ns = await bed.CreateNamespaceAsync("stale");
        var cached = await bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: finished}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                endpoints: {{OperatorTestBed.UnreachableEndpoints}}
            """);
        // The server's copy has moved on (finished) since the copy the cache still holds (just created).
        var finished = new TestRunStatus { Phase = Phases.Succeeded, ObservedGeneration = 1, CompletionTime = DateTimeOffset.UtcNow };
        await bed.Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(KubernetesJson.Serialize(new { status = finished }), V1Patch.PatchType.MergePatch), TestRun.Group, TestRun.Version, ns, TestRun.Plural, "finished");
        using var client = bed.Cp.CreateOperatorClient();
        var runs = new ObjectCache<TestRun>();
        runs.Replace([cached]);
        await using var events = new EventRecorder(client, OperatorHost.Component, NullLogger.Instance, TimeProvider.System);
        var reconciler = new TestRunReconciler(
            client, runs, new ObjectCache<V1Job>(TestRunObserver.JobIndex), new ControllerSettings(), events,
            new OutcomeMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())), NullLogger.Instance, TimeProvider.System);

        await reconciler.ReconcileAsync(ObjectKey.Of(cached), CancellationToken.None);

        // From the cached copy alone it would have created a probe Job and written Probing.
        Assert.Empty((await bed.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items);
        Assert.Equal(Phases.Succeeded, (await bed.ReadRunAsync(ns, "finished"))!.Status!.Phase);
    }

    private static string Stalled(string name) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          environment: {mode: Existing}
        """;

    private static async Task<string> MetricsAsync(OperatorHost host)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(host.HealthAddress, "/metrics"));
    }

    private static async Task<double> ReconcilesAsync(OperatorHost host) =>
        (await MetricsAsync(host)).Split('\n')
            .Where(line => line.StartsWith("netra_operator_reconcile_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
