namespace Netra.Operator.Core.Controller;

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
}
