using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.Charts;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Tenancy;
using Netra.Testing;
using Netra.Probes.Contract;

namespace Netra.TestBed;

/// <summary>
/// A control plane prepared as the operator's chart prepares a cluster: the CRD from the chart's
/// crds/, the operator's service account granted exactly the chart's rules, the deployer
/// ClusterRole; plus the kubelet and helm stand-ins.
/// </summary>
/// <remarks>Derive to make an xunit class fixture (add <c>IAsyncLifetime</c>), or call <see cref="InitializeAsync"/> and dispose.</remarks>
public class OperatorTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The release name the docs install the chart under: its objects and ServiceAccount are named netra-operator.</summary>
    private const string ReleaseName = "netra-operator";

    private static readonly string ChartFolder = Path.Combine(Repository.Root, "charts", "netra-operator");

    private static readonly string[] RbacKinds = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

    private ControlPlane? _cp;
    private HelmStandIn? _helm;
    private KubeletStandIn? _kubelet;
    private int _namespaces;

    public ControlPlane Cp =>
        _cp ?? throw new InvalidOperationException("Test bed not started: call InitializeAsync, or use a fixture that does.");

    public Kubernetes Admin => Cp.AdminClient;

    public HelmStandIn Helm => _helm!;

    public KubeletStandIn Kubelet => _kubelet!;

    public Task InitializeAsync() => InitializeAsync("{}");

    /// <param name="chartValues">Values over the chart's defaults (YAML), as an installer sets them.</param>
    public async Task InitializeAsync(string chartValues)
    {
        _cp = await ControlPlane.StartAsync();
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ControlPlane.OperatorNamespace } });
        foreach (var item in ChartObjects(chartValues))
        {
            switch (item)
            {
                case V1CustomResourceDefinition crd:
                    await Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
                    break;
                case V1ClusterRole role:
                    await Admin.RbacAuthorizationV1.CreateClusterRoleAsync(role);
                    break;
                case V1ClusterRoleBinding binding:
                    await Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding);
                    break;
                case V1Role role:
                    await Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, role.Metadata.NamespaceProperty);
                    break;
                case V1RoleBinding binding:
                    await Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(binding, binding.Metadata.NamespaceProperty);
                    break;
            }
        }

        foreach (var name in new[] { "testruns.netra.io", "testrunschedules.netra.io" })
        {
            await Eventually.WaitUntilAsync(async () =>
            {
                var crd = await Admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
                return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
            }, $"CRD {name} established", Deadline);
        }

        _helm = new HelmStandIn(Admin);
        _kubelet = new KubeletStandIn(Admin, _helm);
    }

    public async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        if (_helm is not null)
        {
            await _helm.DisposeAsync();
        }

        if (_cp is not null)
        {
            await _cp.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The chart's CRDs and RBAC objects (the Deployment is for a real cluster), its templates rendered with its defaults
    /// (and <paramref name="values"/> over them) as the docs install it: release netra-operator (whose objects and account
    /// are named so) in namespace netra-system.
    /// </summary>
    public static IEnumerable<object> ChartObjects(string values = "{}")
    {
        yield return KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            File.ReadAllText(Path.Combine(ChartFolder, "crds", "testruns.netra.io.yaml")));
        yield return KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            File.ReadAllText(Path.Combine(ChartFolder, "crds", "testrunschedules.netra.io.yaml")));
        var chart = new Chart(ChartFolder);
        var given = YamlNodes.Load(values)?.AsObject() ?? [];
        var rendered = chart.Render(Chart.Merge(chart.DefaultValues(), given), ReleaseName, ControlPlane.OperatorNamespace, []);
        foreach (var item in rendered.Where(item => RbacKinds.Contains((string?)item["kind"])))
        {
            // JSON is YAML: the client's loader gives each kind its type.
            yield return KubernetesYaml.LoadAllFromString(item.ToJsonString()).Single();
        }
    }

    /// <summary>
    /// The operator's defaults, but for the shortest schedule interval (the tests' schedules fire every few seconds, as an
    /// installer may allow with <c>--min-schedule-interval</c>) and a short preflight budget (many runs here probe
    /// endpoints that are not there on purpose, <c>--probe-preflight-budget</c>).
    /// </summary>
    public static ControllerSettings Defaults { get; } = new()
    {
        Policy = FastSchedules(new TenantPolicy()),
        ProbePreflightBudget = TimeSpan.FromSeconds(10),
    };

    public static TenantPolicy FastSchedules(TenantPolicy policy) => policy with { MinScheduleInterval = TimeSpan.FromSeconds(1) };

    /// <summary>An operator in this process, as the chart's service account, with short leases (and the default resync: runs advance on watch events).</summary>
    public OperatorHost StartOperator(string lease, string identity, ControllerSettings? settings = null) =>
        OperatorHost.Start(
            Cp.ConfigurationFor(Cp.OperatorToken),
            OperatorOptions(lease, identity) with { Controller = settings ?? Defaults },
            NullLoggerFactory.Instance);

    /// <summary>
    /// <c>netra-operator serve</c> as its own process, with the same account and Lease timings as
    /// <see cref="StartOperator"/>: the JIT build beside the tests, or <paramref name="executable"/>
    /// (the image's native binary), inside <paramref name="memoryLimit"/> when given. Disposing it kills it, as a crash would.
    /// </summary>
    /// <param name="more">Further flags of <c>serve</c>, such as the gate's.</param>
    public ChildProcess StartOperatorProcess(
        string lease, string identity, int metricsPort = 0, string? executable = null, string? leaseNamespace = null,
        MemoryLimit? memoryLimit = null, IReadOnlyList<string>? more = null)
    {
        var options = OperatorOptions(lease, identity) with { LeaseNamespace = leaseNamespace ?? ControlPlane.OperatorNamespace };
        string[] serve =
        [
            "serve", "--kubeconfig", Cp.WriteKubeconfig(Cp.OperatorToken), "--leader-elect", "--lease-name", lease, "--lease-namespace", options.LeaseNamespace,
            "--identity", identity, "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture),
            "--lease-duration", Milliseconds(options.LeaseDuration),
            "--renew-deadline", Milliseconds(options.RenewDeadline),
            "--retry-period", Milliseconds(options.RetryPeriod),
            "--min-schedule-interval", GoDuration.Format(Defaults.Policy.MinScheduleInterval),
            "--probe-preflight-budget", GoDuration.Format(Defaults.ProbePreflightBudget),
            .. more ?? [],
        ];
        var log = Path.Combine(Cp.WorkDirectory, $"operator-{lease}-{identity}.log");
        var (file, arguments) = executable is null
            ? ("dotnet", (IReadOnlyList<string>)[Path.Combine(AppContext.BaseDirectory, "netra-operator.dll"), .. serve])
            : (executable, serve);
        if (memoryLimit is not null)
        {
            (file, arguments) = memoryLimit.Wrap(file, arguments);
        }

        var name = executable is null ? $"netra-operator ({identity})" : $"netra-operator ({identity}, {Path.GetFileName(executable)})";
        return ChildProcess.Start(name, file, arguments, log);
    }

    private static string Milliseconds(TimeSpan duration) => $"{(long)duration.TotalMilliseconds}ms";

    public static ServeOptions OperatorOptions(string lease, string identity) => new()
    {
        LeaderElect = true,
        LeaseNamespace = ControlPlane.OperatorNamespace,
        LeaseName = lease,
        Identity = identity,
        HealthUrl = "http://127.0.0.1:0",
        LeaseDuration = TimeSpan.FromSeconds(4),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(500),
    };

    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>TestRuns through the admin client.</summary>
    public TestRunClient Runs => new(Admin);

    public Task<TestRun> CreateRunAsync(string ns, string yaml) => Runs.CreateRunAsync(ns, yaml);

    public Task<TestRun?> ReadRunAsync(string ns, string name) => Runs.ReadRunAsync(ns, name);

    public Task<TestRun> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan? timeout = null) =>
        Runs.WaitForPhaseAsync(ns, name, phase, timeout ?? Deadline);

    /// <summary>Endpoints where nothing answers, for an Existing run whose probes must fail their preflight.</summary>
    public const string UnreachableEndpoints =
        "{authUrl: \"http://127.0.0.1:1\", backendUrl: \"http://127.0.0.1:1\", agentUrl: \"http://127.0.0.1:1\"}";

    /// <summary>Who holds a Lease in the operator's namespace, or null when there is none yet.</summary>
    public Task<string?> LeaseHolderAsync(string lease) => Runs.LeaseHolderAsync(lease, ControlPlane.OperatorNamespace);

    public async Task<bool> NamespaceExistsAsync(string name)
    {
        try
        {
            await Admin.CoreV1.ReadNamespaceAsync(name);
            return true;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<string>> EventReasonsAsync(string ns, string name) => Runs.EventReasonsAsync(ns, name);
}
