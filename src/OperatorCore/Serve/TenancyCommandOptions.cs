using System.CommandLine;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller;
using Netra.Operator.Core.Tenancy;

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
        ProbeImages, Charts, EndpointHosts, MaxTimeout, MaxActiveRuns, MaxActiveRunsPerNamespace, MaxEnvironmentLifetime, Quota,
        ServiceAccount,
    ];

    public string? Problem(ParseResult parsed) =>
        !GoDuration.TryParse(parsed.GetValue(MaxTimeout), out var timeout) || timeout <= TimeSpan.Zero
            ? "--max-timeout must be a positive duration such as 3h."
        : !GoDuration.TryParse(parsed.GetValue(MaxEnvironmentLifetime), out var lifetime) || lifetime < TimeSpan.Zero
            ? "--max-environment-lifetime must be a duration such as 24h."
        : parsed.GetValue(MaxActiveRuns) < 1 || parsed.GetValue(MaxActiveRunsPerNamespace) < 1
            ? "--max-active-runs and --max-active-runs-per-namespace must be at least 1."
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
