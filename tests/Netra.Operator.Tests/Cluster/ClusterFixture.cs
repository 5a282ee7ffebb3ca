using System.Text.Json.Nodes;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;
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
    public async Task<(string Ns, TestRun Run)> CreateExistingRunAsync(string name, string spec)
    {
        var ns = await CreateNamespaceAsync(name);
        var fields = string.Join('\n', spec.Trim().Split('\n').Select(line => $"  {line}"));
        var yaml = $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata:
              name: {{name}}
            spec:
            {{fields}}
              environment:
                mode: Existing
                endpoints: {{Endpoints}}
            """;
        return (ns, await Runs.CreateRunAsync(ns, yaml));
    }

    public Task WaitForDeploymentAsync(string ns, string name) =>
        Eventually.WaitUntilAsync(() => ClusterObjects.DeploymentReadyAsync(Admin, ns, name), $"Deployment {ns}/{name} ready", Deadline);

    /// <summary>Waits for a run's phase; at the deadline, fails with its status and its pods' logs.</summary>
    public Task<TestRun> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan timeout) =>
        WaitForAsync(ns, name, $"phase {phase}", run => run.Status?.Phase == phase, timeout);

    /// <summary>Waits for a run to finish, whatever the outcome; at the deadline, fails with its status and its pods' logs.</summary>
    public Task<TestRun> WaitForFinishedAsync(string ns, string name, TimeSpan timeout) =>
        WaitForAsync(ns, name, "Finished", run => run.Status?.Conditions.IsTrue(ConditionTypes.Finished) == true, timeout);

    private async Task<TestRun> WaitForAsync(string ns, string name, string what, Func<TestRun, bool> done, TimeSpan timeout)
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
        var crd = YamlNodes.Load(File.ReadAllText(Path.Combine(chart.Directory, "crds", "testruns.netra.io.yaml")))!.AsObject();
        await ClusterObjects.CreateAsync(Admin, crd, OperatorNamespace);
        // The installer allows the refused loopback registry FailureModeTests names its missing probe image in.
        var values = $"tenancy: {{allowedProbeImages: [\"{FailureModeTests.MissingRegistry}/\"]}}";
        foreach (var item in chart.Render(values, releaseNamespace: OperatorNamespace))
        {
            await ClusterObjects.CreateAsync(Admin, item, OperatorNamespace);
        }

        await WaitForDeploymentAsync(OperatorNamespace, "netra-operator");
    }

    private async Task DeployServicesAsync()
    {
        await ClusterObjects.CreateNamespaceAsync(Admin, ServicesNamespace);
        var urls = ServiceUrls.InNamespace(ServicesNamespace);
        // No volume provisioner on this node: the SQLite file in an emptyDir, as with persistence off.
        JsonObject Extra() => new() { ["persistence"] = new JsonObject { ["enabled"] = false } };
        (string Chart, JsonObject Values)[] services =
        [
            ("netra-auth", ChartValues.Auth(Extra())),
            ("netra-agent", ChartValues.Agent(Extra(), urls)),
            ("netra-backend", ChartValues.Backend(Extra(), urls)),
        ];
        foreach (var (name, values) in services)
        {
            foreach (var item in new HelmChart(name).Render(values.ToJsonString(), releaseNamespace: ServicesNamespace))
            {
                await ClusterObjects.CreateAsync(Admin, item, ServicesNamespace);
            }
        }

        foreach (var (name, _) in services)
        {
            await WaitForDeploymentAsync(ServicesNamespace, name);
        }
    }
}
