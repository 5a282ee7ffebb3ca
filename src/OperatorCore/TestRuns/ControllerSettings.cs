namespace Netra.Operator.Core.TestRuns;

/// <summary>The operator's own configuration: images and the charts an Ephemeral run installs when its spec names none.</summary>
public sealed record ControllerSettings
{
    public string ProbeImage { get; init; } = "ghcr.io/netra/netra-probes:0.1.0";

    public string HelmImage { get; init; } = "alpine/helm:3.16.4";

    /// <summary>
    /// A chart reference helm understands, or <c>bundled</c>: the chart the operator carries
    /// (<see cref="Manifests.BundledCharts"/>).
    /// </summary>
    public string AuthChart { get; init; } = Manifests.BundledCharts.Reference;

    public string BackendChart { get; init; } = Manifests.BundledCharts.Reference;

    public string AgentChart { get; init; } = Manifests.BundledCharts.Reference;

    /// <summary>The ClusterRole the deploy Job's ServiceAccount is granted, inside its namespace only (the chart installs it).</summary>
    public string DeployerClusterRole { get; init; } = "netra-operator-deployer";

    /// <summary>
    /// The ClusterRole with what the operator does inside a run's namespace (the chart installs it): the operator
    /// binds it to itself there, so that its cluster-wide role needs none of it.
    /// </summary>
    public string EnvironmentClusterRole { get; init; } = "netra-operator-environment";

    /// <summary>The operator's own ServiceAccount, bound to <see cref="EnvironmentClusterRole"/> in each run's namespace.</summary>
    public ServiceAccountName OperatorAccount { get; init; } = new("netra-system", "netra-operator");

    /// <summary>
    /// Registry pull secrets (type kubernetes.io/dockerconfigjson) of the operator's own namespace, for every pod it
    /// creates: copied into each run's namespace for the deploy Job and the services; named in probe Jobs, which run in
    /// the TestRun's namespace, where a Secret of that name must exist (or the default ServiceAccount carries one).
    /// </summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>The registry of the services' images in a run's namespace (the charts' <c>image.registry</c>); null: the charts' own.</summary>
    public string? ServiceImageRegistry { get; init; }

    /// <summary>The pods of the cluster's DNS: the only place a run's namespace may send DNS queries to.</summary>
    public ClusterDns ClusterDns { get; init; } = new("kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

    /// <summary>What tenants may make the operator do: allow-lists and caps.</summary>
    public Tenancy.TenantPolicy Policy { get; init; } = new();

    /// <summary>The quota and limits every run's namespace gets before anything is deployed in it.</summary>
    public Tenancy.EnvironmentLimits Limits { get; init; } = new();

    /// <summary>
    /// How soon a run in progress is looked at again even if nothing it watches changed: Job changes wake it at
    /// once; pods are not watched, so this is how soon a pod that cannot run (an image that cannot be pulled)
    /// becomes the run's reason.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The deploy Job's own deadline (and each helm step's), so that a deploy that cannot finish fails as such,
    /// not as the run's timeout.
    /// </summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a probe's preflight waits for the services to answer <c>/readyz</c> before the run ends
    /// PreflightFailed (at most half of what its Job has left): long enough for a busy node, short enough to tell a
    /// user quickly that the services are not there.
    /// </summary>
    public TimeSpan ProbePreflightBudget { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>The cluster's DNS pods, by their namespace (its name) and their labels.</summary>
public sealed record ClusterDns(string Namespace, IReadOnlyDictionary<string, string> PodLabels);

/// <summary>A ServiceAccount by namespace and name.</summary>
public sealed record ServiceAccountName(string Namespace, string Name);
