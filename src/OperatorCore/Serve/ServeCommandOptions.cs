using System.CommandLine;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Serve;

/// <summary>The options of <c>serve</c>, their defaults from <see cref="ServeOptions"/> and <see cref="ControllerSettings"/>.</summary>
internal sealed class ServeCommandOptions
{
    private static readonly ServeOptions Defaults = new();
    private static readonly ControllerSettings Settings = Defaults.Controller;

    public Option<FileInfo?> Kubeconfig { get; } = Serve.Kubeconfig.CreateOption();

    public Option<bool> LeaderElect { get; } = new("--leader-elect")
    {
        Description = "Elect a leader through a Lease, so that replicas take over from each other (the chart turns it on).",
    };

    public Option<string> LeaseNamespace { get; } = new("--lease-namespace")
    {
        Description = "Namespace of the leader election Lease.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? Defaults.LeaseNamespace,
    };

    public Option<string> LeaseName { get; } = Default("--lease-name", "Name of the leader election Lease.", Defaults.LeaseName);

    public Option<string> Identity { get; } = new("--identity")
    {
        Description = "This instance's name in the Lease; default: $POD_NAME.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAME") ?? Defaults.Identity,
    };

    public Option<string> LeaseDuration { get; } = Default(
        "--lease-duration", "How long a leader's Lease lasts without renewal (a duration such as 15s).", GoDuration.Format(Defaults.LeaseDuration));

    public Option<string> RenewDeadline { get; } = Default(
        "--renew-deadline", "How long the leader tries to renew before it gives up leading (a duration such as 10s).",
        GoDuration.Format(Defaults.RenewDeadline));

    public Option<string> RetryPeriod { get; } = Default(
        "--retry-period", "Pause between attempts to acquire or renew the Lease (a duration such as 2s).", GoDuration.Format(Defaults.RetryPeriod));

    public Option<int> Workers { get; } = Default("--workers", "TestRuns reconciled at once.", Defaults.Workers);

    public Option<int> MetricsPort { get; } = Default("--metrics-port", "Port of /healthz, /readyz and /metrics.", 8080);

    public Option<LogLevel> LogLevel { get; } = Default(
        "--log-level",
        "Least level logged: Trace, Debug, Information, Warning, Error, Critical.",
        Microsoft.Extensions.Logging.LogLevel.Information);

    public Option<string> ProbeImage { get; } =
        Default("--probe-image", "Image of netra-probes, unless a run names one.", Settings.ProbeImage);

    public Option<string> HelmImage { get; } = Default("--helm-image", "Image with helm for the deploy Jobs.", Settings.HelmImage);

    public Option<string> AuthChart { get; } = Default("--auth-chart", "Default chart of the auth service.", Settings.AuthChart);

    public Option<string> BackendChart { get; } =
        Default("--backend-chart", "Default chart of the backend service.", Settings.BackendChart);

    public Option<string> AgentChart { get; } = Default("--agent-chart", "Default chart of the agent service.", Settings.AgentChart);

    public Option<string[]> ImagePullSecrets { get; } = new("--image-pull-secret")
    {
        Description = "A registry pull secret of the operator's namespace for every pod it creates (repeat).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> ServiceImageRegistry { get; } = new("--service-image-registry")
    {
        Description = "Registry of the services' images in a run's namespace; default: the charts' own.",
    };

    public Option<string> ClusterDnsNamespace { get; } = Default(
        "--cluster-dns-namespace", "Namespace of the cluster's DNS pods, the only DNS a run's namespace may query.", Settings.ClusterDns.Namespace);

    public Option<string[]> ClusterDnsPodLabels { get; } = new("--cluster-dns-pod-label")
    {
        Description = "KEY=VALUE label of the cluster's DNS pods (repeat); default: k8s-app=kube-dns.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string> DeployerRole { get; } = Default(
        "--deployer-cluster-role", "ClusterRole granted to deploy Jobs inside their namespace.", Settings.DeployerClusterRole);

    public Option<string> EnvironmentRole { get; } = Default(
        "--environment-cluster-role",
        "ClusterRole the operator binds to itself inside each run's namespace.",
        Settings.EnvironmentClusterRole);

    public Option<string> ProbePreflightBudget { get; } = Default(
        "--probe-preflight-budget",
        "The longest a probe waits for the services' /readyz before the run ends PreflightFailed (a duration such as 1m).",
        GoDuration.Format(Settings.ProbePreflightBudget));

    public TenancyCommandOptions Tenancy { get; } = new();

    public GateCommandOptions Gate { get; } = new();

    public UiCommandOptions Ui { get; } = new();

    public void AddTo(Command command)
    {
        Option[] all =
        [
            Kubeconfig, LeaderElect, LeaseNamespace, LeaseName, Identity, LeaseDuration, RenewDeadline, RetryPeriod, Workers, MetricsPort,
            LogLevel, ProbeImage, HelmImage, AuthChart, BackendChart, AgentChart, DeployerRole, EnvironmentRole, ImagePullSecrets,
            ServiceImageRegistry, ClusterDnsNamespace, ClusterDnsPodLabels, ProbePreflightBudget,
        ];
        foreach (var option in all.Concat(Tenancy.All).Concat(Gate.All).Concat(Ui.All))
        {
            command.Options.Add(option);
        }
    }

    public string? Problem(ParseResult parsed) =>
        parsed.GetValue(Workers) < 1 ? "--workers must be at least 1."
        : !GoDuration.TryParse(parsed.GetValue(LeaseDuration), out var lease) || !GoDuration.TryParse(parsed.GetValue(RenewDeadline), out var renew)
            || !GoDuration.TryParse(parsed.GetValue(RetryPeriod), out var retry)
            ? "--lease-duration, --renew-deadline and --retry-period take durations such as 15s, 10s and 2s."
        : !(TimeSpan.Zero < retry && retry < renew && renew < lease)
            ? "0 < --retry-period < --renew-deadline < --lease-duration is required."
        : !GoDuration.TryParse(parsed.GetValue(ProbePreflightBudget), out var preflight) || preflight < TimeSpan.FromSeconds(1)
            ? "--probe-preflight-budget must be a duration of at least 1s, such as 1m."
        : (parsed.GetValue(ClusterDnsPodLabels) ?? []).FirstOrDefault(l => l.Split('=') is not [{ Length: > 0 }, _]) is { } bad
            ? $"--cluster-dns-pod-label takes KEY=VALUE, not '{bad}'."
        : Tenancy.Problem(parsed) ?? Gate.Problem(parsed) ?? Ui.Problem(parsed);

    public ServeOptions ToServeOptions(ParseResult parsed) => new()
    {
        LeaderElect = parsed.GetValue(LeaderElect),
        LeaseNamespace = parsed.GetRequiredValue(LeaseNamespace),
        LeaseName = parsed.GetRequiredValue(LeaseName),
        Identity = parsed.GetRequiredValue(Identity),
        LeaseDuration = GoDuration.Parse(parsed.GetValue(LeaseDuration)),
        RenewDeadline = GoDuration.Parse(parsed.GetValue(RenewDeadline)),
        RetryPeriod = GoDuration.Parse(parsed.GetValue(RetryPeriod)),
        Workers = parsed.GetValue(Workers),
        HealthUrl = $"http://0.0.0.0:{parsed.GetValue(MetricsPort)}",
        Gate = Gate.ToGateOptions(parsed),
        Ui = Ui.ToUiOptions(parsed),
        Controller = Tenancy.ApplyTo(new ControllerSettings
        {
            ProbeImage = parsed.GetRequiredValue(ProbeImage),
            HelmImage = parsed.GetRequiredValue(HelmImage),
            AuthChart = parsed.GetRequiredValue(AuthChart),
            BackendChart = parsed.GetRequiredValue(BackendChart),
            AgentChart = parsed.GetRequiredValue(AgentChart),
            DeployerClusterRole = parsed.GetRequiredValue(DeployerRole),
            EnvironmentClusterRole = parsed.GetRequiredValue(EnvironmentRole),
            ImagePullSecrets = parsed.GetValue(ImagePullSecrets) ?? [],
            ServiceImageRegistry = parsed.GetValue(ServiceImageRegistry),
            ProbePreflightBudget = GoDuration.Parse(parsed.GetValue(ProbePreflightBudget)),
            ClusterDns = parsed.GetValue(ClusterDnsPodLabels) is { Length: > 0 } labels
                ? new ClusterDns(parsed.GetRequiredValue(ClusterDnsNamespace), labels.Select(l => l.Split('=')).ToDictionary(l => l[0], l => l[1]))
                : Settings.ClusterDns with { Namespace = parsed.GetRequiredValue(ClusterDnsNamespace) },
        }, parsed),
    };

    private static Option<T> Default<T>(string name, string description, T value) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => value,
    };
}
