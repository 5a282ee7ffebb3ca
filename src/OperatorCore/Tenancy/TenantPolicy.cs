namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// What the operator's installer lets the authors of TestRuns make it do. Whoever may create a TestRun in a
/// namespace gets Jobs there and, for an Ephemeral run, a namespace of services: these lists and caps bound that.
/// Each list entry is a pattern (<see cref="AllowList"/>): an exact value, a prefix ending in <c>/</c>, a host
/// suffix starting with <c>*.</c>, or <c>*</c> for anything.
/// </summary>
public sealed record TenantPolicy
{
    /// <summary>Probe images a run may name in <c>spec.probe.image</c>; empty: only the operator's own probe image, any tag.</summary>
    public IReadOnlyList<string> ProbeImages { get; init; } = [];

    /// <summary>Charts a run may name in <c>spec.charts.*.chart</c>; empty: only the operator's default charts.</summary>
    public IReadOnlyList<string> Charts { get; init; } = [];

    /// <summary>Hosts an Existing run's endpoints may name (the probes send their credentials there); empty: any.</summary>
    public IReadOnlyList<string> EndpointHosts { get; init; } = [];

    /// <summary>
    /// The keys of <c>spec.environment.charts.*.values</c> a run may set, as dotted paths (<see cref="ChartValuesCheck"/>);
    /// a path ending in <c>.*</c> allows every key under it with a plain value. Everything else (images, Secrets, network
    /// policies, placement) is the installer's.
    /// </summary>
    public IReadOnlyList<string> ChartValues { get; init; } = DefaultChartValues;

    public static IReadOnlyList<string> DefaultChartValues { get; } =
    [
        "config.*", "logLevel", "resources.requests.cpu", "resources.requests.memory", "resources.limits.cpu", "resources.limits.memory",
    ];

    /// <summary>The most CPU a run's probe container may request or be limited to (<c>spec.probe.resources</c>).</summary>
    public string MaxProbeCpu { get; init; } = "2";

    /// <summary>The most memory a run's probe container may request or be limited to.</summary>
    public string MaxProbeMemory { get; init; } = "2Gi";

    /// <summary>
    /// Namespaces besides its own whose rollouts a TestRunSchedule may watch (<c>triggers.rollouts.namespaces</c>);
    /// empty: its own only.
    /// </summary>
    public IReadOnlyList<string> RolloutNamespaces { get; init; } = [];

    /// <summary>The shortest interval between two runs a TestRunSchedule's cron may ask for.</summary>
    public TimeSpan MinScheduleInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs of one TestRunSchedule that may be unfinished at once, whatever its concurrency policy.</summary>
    public int MaxActiveRunsPerSchedule { get; init; } = 3;

    /// <summary>The longest <c>spec.timeout</c> accepted.</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Runs in progress at once in one namespace; more wait, Pending with reason Queued.</summary>
    public int MaxActiveRunsPerNamespace { get; init; } = 5;

    /// <summary>Runs in progress at once in the whole cluster; more wait, Pending with reason Queued.</summary>
    public int MaxActiveRuns { get; init; } = 20;

    /// <summary>
    /// How long a finished run's namespace is kept at most, whatever its cleanup policy (<c>Never</c>, and
    /// <c>OnSuccess</c> after a failure, keep it for a look, not for ever).
    /// </summary>
    public TimeSpan MaxEnvironmentLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>No list, no cap that matters: the local run, where the user is the installer.</summary>
    public static TenantPolicy Unrestricted { get; } = new()
    {
        ProbeImages = [AllowList.Any],
        Charts = [AllowList.Any],
        ChartValues = [AllowList.Any],
        MaxProbeCpu = "1000",
        MaxProbeMemory = "1Ti",
        RolloutNamespaces = [AllowList.Any],
        MinScheduleInterval = TimeSpan.Zero,
        MaxActiveRunsPerSchedule = int.MaxValue,
        MaxTimeout = TimeSpan.MaxValue,
        MaxActiveRunsPerNamespace = int.MaxValue,
        MaxActiveRuns = int.MaxValue,
        MaxEnvironmentLifetime = TimeSpan.MaxValue,
    };
}
