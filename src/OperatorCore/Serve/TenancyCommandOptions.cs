using System.CommandLine;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Tenancy;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Serve;

/// <summary>The options of <c>serve</c> that bound what tenants make the operator do (<see cref="TenantPolicy"/>).</summary>
internal sealed class TenancyCommandOptions
{
    private static readonly TenantPolicy Defaults = new();

    public Option<string[]> ProbeImages { get; } = List(
        "--allowed-probe-image", "A probe image runs may name (repeat; a repository allows its tags; '*' any); default: --probe-image's.");

    public Option<string[]> Charts { get; } = List(
        "--allowed-chart", "A chart runs may name (repeat; a prefix ending in '/'; '*' any); default: the default charts.");

    public Option<string[]> EndpointHosts { get; } = List(
        "--allowed-endpoint-host", "A host Existing runs may probe (repeat; '*.suffix' for a domain); default: any.");

    public Option<string[]> ChartValues { get; } = List(
        "--allowed-chart-value",
        "A key of spec.environment.charts.*.values runs may set, as a dotted path ('a.*': every key under a; repeat); "
            + $"default: {string.Join(", ", TenantPolicy.DefaultChartValues)}.");

    public Option<string[]> RolloutNamespaces { get; } = List(
        "--allowed-rollout-namespace",
        "A namespace besides its own whose rollouts a TestRunSchedule may watch (repeat; '*' any); default: none.");

    public Option<string> MaxProbeCpu { get; } = Text(
        "--max-probe-cpu", "The most CPU spec.probe.resources may request or be limited to.", Defaults.MaxProbeCpu);

    public Option<string> MaxProbeMemory { get; } = Text(
        "--max-probe-memory", "The most memory spec.probe.resources may request or be limited to.", Defaults.MaxProbeMemory);

    public Option<string> MinScheduleInterval { get; } = Text(
        "--min-schedule-interval",
        "The shortest interval between two runs a TestRunSchedule's cron may ask for (a duration such as 1m).",
        GoDuration.Format(Defaults.MinScheduleInterval));

    public Option<int> MaxActiveRunsPerSchedule { get; } = Number(
        "--max-active-runs-per-schedule",
        "Unfinished runs of one TestRunSchedule at once, whatever its concurrency policy.",
        Defaults.MaxActiveRunsPerSchedule);

    public Option<string> MaxTimeout { get; } = Text(
        "--max-timeout", "The longest spec.timeout accepted (a duration such as 3h).", GoDuration.Format(Defaults.MaxTimeout));

    public Option<int> MaxActiveRuns { get; } =
        Number("--max-active-runs", "Runs in progress at once; more are queued.", Defaults.MaxActiveRuns);

    public Option<int> MaxActiveRunsPerNamespace { get; } = Number(
        "--max-active-runs-per-namespace",
        "Runs in progress at once in one namespace; more are queued.",
        Defaults.MaxActiveRunsPerNamespace);

    public Option<string> MaxEnvironmentLifetime { get; } = Text(
        "--max-environment-lifetime",
        "How long a finished run's namespace is kept at most, whatever its cleanup policy (a duration such as 24h).",
        GoDuration.Format(Defaults.MaxEnvironmentLifetime));

    public Option<string[]> Quota { get; } = List(
        "--environment-quota", "NAME=QUANTITY of the ResourceQuota of every run's namespace, over the defaults (repeat).");

    public Option<string> ServiceAccount { get; } = Text(
        "--service-account",
        "The operator's own ServiceAccount as NAMESPACE/NAME, bound in each run's namespace.",
        $"{Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "netra-system"}/netra-operator");

    public IEnumerable<Option> All =>
    [
        ProbeImages, Charts, EndpointHosts, ChartValues, RolloutNamespaces, MaxProbeCpu, MaxProbeMemory, MinScheduleInterval,
        MaxActiveRunsPerSchedule, MaxTimeout, MaxActiveRuns, MaxActiveRunsPerNamespace, MaxEnvironmentLifetime, Quota, ServiceAccount,
    ];

    public string? Problem(ParseResult parsed) =>
        !GoDuration.TryParse(parsed.GetValue(MaxTimeout), out var timeout) || timeout <= TimeSpan.Zero
            ? "--max-timeout must be a positive duration such as 3h."
        : !GoDuration.TryParse(parsed.GetValue(MaxEnvironmentLifetime), out var lifetime) || lifetime < TimeSpan.Zero
            ? "--max-environment-lifetime must be a duration such as 24h."
        : !GoDuration.TryParse(parsed.GetValue(MinScheduleInterval), out _)
            ? "--min-schedule-interval must be a duration such as 1m."
        : parsed.GetValue(MaxActiveRuns) < 1 || parsed.GetValue(MaxActiveRunsPerNamespace) < 1 || parsed.GetValue(MaxActiveRunsPerSchedule) < 1
            ? "--max-active-runs, --max-active-runs-per-namespace and --max-active-runs-per-schedule must be at least 1."
        : Quantities.AtMost(parsed.GetValue(MaxProbeCpu), "1000") is not null || Quantities.AtMost(parsed.GetValue(MaxProbeMemory), "1Pi") is not null
            ? "--max-probe-cpu and --max-probe-memory must be quantities such as 2 and 2Gi."
        : (parsed.GetValue(Quota) ?? []).FirstOrDefault(q => !q.Contains('=', StringComparison.Ordinal)) is { } bad
            ? $"--environment-quota takes NAME=QUANTITY, not '{bad}'."
        : parsed.GetValue(ServiceAccount)?.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]
            ? "--service-account takes NAMESPACE/NAME."
        : null;

    public ControllerSettings ApplyTo(ControllerSettings settings, ParseResult parsed)
    {
        var account = parsed.GetRequiredValue(ServiceAccount).Split('/');
        var quota = new Dictionary<string, string>(settings.Limits.Quota);
        foreach (var entry in parsed.GetValue(Quota) ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            quota[entry[..equals]] = entry[(equals + 1)..];
        }

        return settings with
        {
            OperatorAccount = new ServiceAccountName(account[0], account[1]),
            Limits = settings.Limits with { Quota = quota },
            Policy = new TenantPolicy
            {
                ProbeImages = parsed.GetValue(ProbeImages) ?? [],
                Charts = parsed.GetValue(Charts) ?? [],
                EndpointHosts = parsed.GetValue(EndpointHosts) ?? [],
                ChartValues = parsed.GetValue(ChartValues) is { Length: > 0 } values ? values : TenantPolicy.DefaultChartValues,
                RolloutNamespaces = parsed.GetValue(RolloutNamespaces) ?? [],
                MaxProbeCpu = parsed.GetRequiredValue(MaxProbeCpu),
                MaxProbeMemory = parsed.GetRequiredValue(MaxProbeMemory),
                MinScheduleInterval = GoDuration.Parse(parsed.GetValue(MinScheduleInterval)),
                MaxActiveRunsPerSchedule = parsed.GetValue(MaxActiveRunsPerSchedule),
                MaxTimeout = GoDuration.Parse(parsed.GetValue(MaxTimeout)),
                MaxActiveRuns = parsed.GetValue(MaxActiveRuns),
                MaxActiveRunsPerNamespace = parsed.GetValue(MaxActiveRunsPerNamespace),
                MaxEnvironmentLifetime = GoDuration.Parse(parsed.GetValue(MaxEnvironmentLifetime)),
            },
        };
    }

    private static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<string> Text(string name, string description, string value) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => value,
    };

    private static Option<int> Number(string name, string description, int value) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => value,
    };
}
