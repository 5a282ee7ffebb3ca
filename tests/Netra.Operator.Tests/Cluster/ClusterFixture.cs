using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;
using Netra.Probes.Contract;
using Netra.Operator.Tests.Charts;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>The tests that need the real one-node cluster share one: it starts once, before the first of them.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}

/// <summary>
/// A <see cref="OneNodeCluster"/> prepared as a user prepares one: the operator installed from its chart (CRD, ServiceAccount,
/// RBAC, Deployment of two replicas with the image's defaults), and the three services deployed from their charts in
/// namespace <see cref="ServicesNamespace"/> with the values an Ephemeral run gives them (the demo accounts, the probes'
/// settings), for Existing-mode runs. The charts are rendered by the tests' <see cref="HelmChart"/> (helm's
/// template subset the charts use; there is no helm binary here) and created as <c>helm install</c> would.
/// </summary>
public sealed class ClusterFixture : OneNodeCluster, IAsyncLifetime
{
    public const string OperatorNamespace = "netra-system";
    public const string ServicesNamespace = "netra";
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Stands in for helm in the deploy Jobs (tests/Netra.HelmStandIn, built by tests/cluster/images.sh).</summary>
    public static readonly string HelmStandInImage = Image("netra-helm-stand-in");
    private int _namespaces;

    public TestRunClient Runs => new(Admin);

    /// <summary>The services' in-cluster addresses, through cluster DNS, as an Existing run's endpoints (YAML).</summary>
    public static string Endpoints
    {
        get
        {
            var urls = ServiceUrls.InNamespace(ServicesNamespace);
            return $"{{authUrl: \"{urls.AuthUrl}\", backendUrl: \"{urls.BackendUrl}\", agentUrl: \"{urls.AgentUrl}\"}}";
        }
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        try
        {
            await InitializeAsync();
            await InstallOperatorAsync();
            await DeployServicesAsync();
            await WaitForServicesReachableAsync();
        }
        catch (Exception e)
        {
            // Stopped here: xunit does not dispose a fixture whose start failed.
            var logs = DescribeLogs();
            await DisposeAsync();
            throw new InvalidOperationException($"Preparing the cluster failed: {e.Message}\n{logs}", e);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await ClusterObjects.CreateNamespaceAsync(Admin, name);
        // The serviceaccount controller gives it its default ServiceAccount, without which no pod is admitted.
        await Eventually.WaitUntilAsync(
            async () => (await Admin.CoreV1.ListNamespacedServiceAccountAsync(name)).Items.Any(a => a.Metadata.Name == "default"),
            $"ServiceAccount {name}/default", Deadline);
        return name;
    }

    /// <summary>
    /// A namespace named for the run, and in it an Existing-mode TestRun against the services' pods: <paramref name="spec"/>
    /// holds the spec's other fields (YAML, unindented).
    /// </summary>
    public Task<(string Ns, TestRun Run)> CreateExistingRunAsync(string name, string spec) =>
        CreateRunAsync(name, spec, $"""
            environment:
              mode: Existing
              endpoints: {Endpoints}
            """);

    /// <summary>
    /// A namespace named for the run, and in it an Ephemeral TestRun: the operator's own namespace, guards, deploy Job (the
    /// helm stand-in) and the bundled charts as pods. <paramref name="values"/> (YAML, per service) go over
    /// <see cref="NoVolumes"/> for every chart.
    /// </summary>
    public Task<(string Ns, TestRun Run)> CreateEphemeralRunAsync(string name, string spec, string values = "{}")
    {
        string ValuesOf(string service) =>
            Chart.Merge(NoVolumes(), YamlNodes.Load(values)?[service]?.AsObject() ?? []).ToJsonString();
        return CreateRunAsync(name, spec, $$"""
            environment:
              mode: Ephemeral
              charts:
                auth: {values: {{ValuesOf("auth")}}}
                agent: {values: {{ValuesOf("agent")}}}
                backend: {values: {{ValuesOf("backend")}}}
            """);
    }

    private async Task<(string Ns, TestRun Run)> CreateRunAsync(string name, string spec, string environment)
    {
        var ns = await CreateNamespaceAsync(name);
        static string Indented(string yaml) => string.Join('\n', yaml.Trim().Split('\n').Select(line => $"  {line}"));
        var yaml = $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata:
              name: {{name}}
            spec:
            {{Indented(spec)}}
            {{Indented(environment)}}
            """;
        return (ns, await Runs.CreateRunAsync(ns, yaml));
    }

    /// <summary>No volume provisioner on this node: a chart's SQLite file in an emptyDir, as with persistence off.</summary>
    public static JsonObject NoVolumes() => new() { ["persistence"] = new JsonObject { ["enabled"] = false } };

    public Task WaitForDeploymentAsync(string ns, string name) =>
        Eventually.WaitUntilAsync(() => ClusterObjects.DeploymentReadyAsync(Admin, ns, name), $"Deployment {ns}/{name} ready", Deadline);

    /// <summary>Waits for a run's phase; at the deadline, fails with its status and its pods' logs.</summary>
    public Task<TestRun> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan timeout) =>
        WaitForAsync(ns, name, $"phase {phase}", run => run.Status?.Phase == phase, timeout);

    /// <summary>Waits for a run to finish, whatever the outcome; at the deadline, fails with its status and its pods' logs.</summary>
    public Task<TestRun> WaitForFinishedAsync(string ns, string name, TimeSpan timeout) =>
        WaitForAsync(ns, name, "Finished", run => run.Status?.Conditions.IsTrue(ConditionTypes.Finished) == true, timeout);

    /// <summary>Waits until <paramref name="done"/> holds for a run; at the deadline, fails with its status and its pods' logs.</summary>
    public async Task<TestRun> WaitForAsync(string ns, string name, string what, Func<TestRun, bool> done, TimeSpan timeout)
    {
        TestRun? run = null;
        try
        {
            await Eventually.WaitUntilAsync(async () => (run = await Runs.ReadRunAsync(ns, name)) is { } read && done(read),
                $"TestRun {ns}/{name} {what}", timeout);
            return run!;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nstatus: {KubernetesJson.Serialize(run?.Status)}\n{PodLogs(ns, name)}", e);
        }
    }

    private async Task InstallOperatorAsync()
    {
        await ClusterObjects.CreateNamespaceAsync(Admin, OperatorNamespace);
        var chart = new HelmChart("netra-operator");
        foreach (var file in Directory.GetFiles(Path.Combine(chart.Directory, "crds"), "*.yaml").Order(StringComparer.Ordinal))
        {
            await ChartObjects.ApplyAsync(Admin, YamlNodes.Load(File.ReadAllText(file))!.AsObject(), OperatorNamespace);
        }

        // The installer allows the refused loopback registry FailureModeTests names its missing probe image in, and the
        // chart values the Ephemeral tests set (persistence off: no volume provisioner here; a service image registry);
        // the deploy Jobs get the helm stand-in (no helm binary here).
        var values = $$"""
            tenancy:
              allowedProbeImages: ["{{FailureModeTests.MissingRegistry}}/"]
              allowedChartValues: [config.*, persistence.enabled, image.registry]
            helmImage: {{HelmStandInImage}}
            """;
        foreach (var item in chart.Render(values, releaseNamespace: OperatorNamespace))
        {
            await ChartObjects.ApplyAsync(Admin, item, OperatorNamespace);
        }

        await WaitForDeploymentAsync(OperatorNamespace, "netra-operator");
    }

    /// <summary>
    /// Before any test, a pod resolves the Services' names through cluster DNS and reaches them: <c>netra-probes</c>, its
    /// preflight and one safe scenario, as a run's probe pod would (the DNS feed follows the Services just created a moment
    /// later). A pod that fails is followed by another until the deadline.
    /// </summary>
    private async Task WaitForServicesReachableAsync()
    {
        var attempt = 0;
        var urls = ServiceUrls.InNamespace(ServicesNamespace);
        var args = ProbeCommandLine.RunArguments(
            urls.AuthUrl, urls.BackendUrl, urls.AgentUrl, ["auth-service-independence"], "/tmp/termination-log", ProbeProfiles.Safe);
        string? last = null;
        try
        {
            await Eventually.WaitUntilAsync(ReachedAsync, "a pod reaching the services by their names", Deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast: {last}", e);
        }

        async Task<bool> ReachedAsync()
        {
            var name = $"services-reachable-{++attempt}";
            var pod = new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    AutomountServiceAccountToken = false,
                    SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 65532 },
                    Containers = [new V1Container { Name = "probes", Image = Image("netra-probes"), Args = [.. args] }],
                },
            };
            await Admin.CoreV1.CreateNamespacedPodAsync(pod, ServicesNamespace);
            string? phase = null;
            await Eventually.WaitUntilAsync(
                async () => (phase = (await Admin.CoreV1.ReadNamespacedPodAsync(name, ServicesNamespace)).Status?.Phase)
                    is "Succeeded" or "Failed",
                $"pod {ServicesNamespace}/{name} finished", Deadline);
            last = $"{name}: {phase}\n{PodLogs(ServicesNamespace, name)}";
            return phase == "Succeeded";
        }
    }

    private async Task DeployServicesAsync()
    {
        await ClusterObjects.CreateNamespaceAsync(Admin, ServicesNamespace);
        var urls = ServiceUrls.InNamespace(ServicesNamespace);
        (string Chart, JsonObject Values)[] services =
        [
            ("netra-auth", ChartValues.Auth(NoVolumes())),
            ("netra-agent", ChartValues.Agent(NoVolumes(), urls)),
            ("netra-backend", ChartValues.Backend(NoVolumes(), urls)),
        ];
        foreach (var (name, values) in services)
        {
            foreach (var item in new HelmChart(name).Render(values.ToJsonString(), releaseNamespace: ServicesNamespace))
            {
                await ChartObjects.ApplyAsync(Admin, item, ServicesNamespace);
            }
        }

        foreach (var (name, _) in services)
        {
            await WaitForDeploymentAsync(ServicesNamespace, name);
        }
    }

    /// <summary>
    /// Whether a scenario passed as the cluster tests' runs allow: on its first attempt, or Flaky, on the one retry their
    /// specs give cases that time token expiry in seconds (a loaded machine can miss them once).
    /// </summary>
    public static void AssertPassed(ScenarioStatus scenario) => Assert.True(
        scenario.Result is ScenarioResults.Passed or ScenarioResults.Flaky,
        $"{scenario.Name}: {scenario.Result} {string.Join("; ", scenario.Failures.Select(f => f.Message))}");
}
