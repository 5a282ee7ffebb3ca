namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// The ResourceQuota and LimitRange of every run's namespace, set before anything is deployed in it, so that a run's
/// charts and values cannot take more of the cluster than this. The defaults hold the three services with
/// persistence on, their deploy Job and room for a second deploy of each.
/// </summary>
public sealed record EnvironmentLimits
{
    /// <summary>The quota's hard limits, by the names ResourceQuota uses.</summary>
    public IReadOnlyDictionary<string, string> Quota { get; init; } = new Dictionary<string, string>
    {
        ["pods"] = "20",
        ["requests.cpu"] = "4",
        ["limits.cpu"] = "8",
        ["requests.memory"] = "8Gi",
        ["limits.memory"] = "16Gi",
        ["services"] = "10",
        ["services.nodeports"] = "0",
        ["services.loadbalancers"] = "0",
        ["persistentvolumeclaims"] = "4",
        ["requests.storage"] = "20Gi",
        ["configmaps"] = "20",
        ["secrets"] = "30",
    };

    /// <summary>What a container that says nothing requests (the quota needs every container to say).</summary>
    public string DefaultCpuRequest { get; init; } = "50m";

    public string DefaultMemoryRequest { get; init; } = "64Mi";

    public string DefaultMemoryLimit { get; init; } = "512Mi";

    /// <summary>What a container that says nothing is limited to (the quota bounds CPU limits too).</summary>
    public string DefaultCpuLimit { get; init; } = "1";

    /// <summary>The most CPU one container may be given.</summary>
    public string MaxContainerCpu { get; init; } = "2";

    /// <summary>The most memory one container may be given.</summary>
    public string MaxContainerMemory { get; init; } = "4Gi";
}
