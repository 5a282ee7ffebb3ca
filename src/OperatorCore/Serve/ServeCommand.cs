using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Controller;

namespace Netra.Operator.Core.Serve;

/// <summary><c>netra-operator serve</c>: the controller against the cluster of the current kubeconfig, or in-cluster.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServeOptions();
        var settings = defaults.Controller;
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "A kubeconfig file; default: in-cluster when in a pod, else the first file of $KUBECONFIG or ~/.kube/config." };
        var leaseNamespace = new Option<string>("--lease-namespace") { Description = "Namespace of the leader election Lease.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? defaults.LeaseNamespace };
        var leaseName = new Option<string>("--lease-name") { Description = "Name of the leader election Lease.", DefaultValueFactory = _ => defaults.LeaseName };
        var identity = new Option<string>("--identity") { Description = "This instance's name in the Lease; default: $POD_NAME.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAME") ?? defaults.Identity };
        var workers = new Option<int>("--workers") { Description = "TestRuns reconciled at once.", DefaultValueFactory = _ => defaults.Workers };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /healthz, /readyz and /metrics.", DefaultValueFactory = _ => 8080 };
        var probeImage = new Option<string>("--probe-image") { Description = "Image of netra-probes, unless a run names one.", DefaultValueFactory = _ => settings.ProbeImage };
        var helmImage = new Option<string>("--helm-image") { Description = "Image with helm for the deploy Jobs.", DefaultValueFactory = _ => settings.HelmImage };
        var authChart = new Option<string>("--auth-chart") { Description = "Default chart of the auth service.", DefaultValueFactory = _ => settings.AuthChart };
        var backendChart = new Option<string>("--backend-chart") { Description = "Default chart of the backend service.", DefaultValueFactory = _ => settings.BackendChart };
        var agentChart = new Option<string>("--agent-chart") { Description = "Default chart of the agent service.", DefaultValueFactory = _ => settings.AgentChart };
        var leaseDuration = new Option<TimeSpan>("--lease-duration") { Description = "How long a leader's Lease lasts without renewal.", DefaultValueFactory = _ => defaults.LeaseDuration };
        var renewDeadline = new Option<TimeSpan>("--renew-deadline") { Description = "How long the leader tries to renew before it gives up leading.", DefaultValueFactory = _ => defaults.RenewDeadline };
        var retryPeriod = new Option<TimeSpan>("--retry-period") { Description = "Pause between attempts to acquire or renew the Lease.", DefaultValueFactory = _ => defaults.RetryPeriod };
        var deployerRole = new Option<string>("--deployer-cluster-role") { Description = "ClusterRole granted to deploy Jobs inside their namespace.", DefaultValueFactory = _ => settings.DeployerClusterRole };

        var serve = new Command("serve", "Reconcile TestRuns in the cluster (leader-elected; only the leader works).")
        {
            kubeconfig, leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, workers, metricsPort, probeImage, helmImage, authChart, backendChart, agentChart, deployerRole,
        };
        serve.SetAction(async (parsed, cancellationToken) =>
        {
            if (Problem(parsed.GetValue(workers), parsed.GetValue(retryPeriod), parsed.GetValue(renewDeadline), parsed.GetValue(leaseDuration)) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return ExitCodes.Invalid;
            }

            var options = new ServeOptions
            {
                LeaseNamespace = parsed.GetRequiredValue(leaseNamespace),
                LeaseName = parsed.GetRequiredValue(leaseName),
                Identity = parsed.GetRequiredValue(identity),
                LeaseDuration = parsed.GetValue(leaseDuration),
                RenewDeadline = parsed.GetValue(renewDeadline),
                RetryPeriod = parsed.GetValue(retryPeriod),
                Workers = parsed.GetValue(workers),
                HealthUrl = $"http://0.0.0.0:{parsed.GetValue(metricsPort)}",
                Controller = new ControllerSettings
                {
                    ProbeImage = parsed.GetRequiredValue(probeImage),
                    HelmImage = parsed.GetRequiredValue(helmImage),
                    AuthChart = parsed.GetRequiredValue(authChart),
                    BackendChart = parsed.GetRequiredValue(backendChart),
                    AgentChart = parsed.GetRequiredValue(agentChart),
                    DeployerClusterRole = parsed.GetRequiredValue(deployerRole),
                },
            };
            var file = parsed.GetValue(kubeconfig);
            var configuration = file is not null ? Kubeconfig.Load(file.FullName)
                : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
                : Kubeconfig.Load(Kubeconfig.DefaultPath);
            using var loggers = LoggerFactory.Create(logging => logging.AddJsonConsole());
            await using var host = OperatorHost.Start(configuration, options, loggers);
            try
            {
                await host.Completion.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGTERM: stop cleanly, releasing the lease for the next leader.
            }

            return 0;
        });
        return serve;
    }

    private static string? Problem(int workers, TimeSpan retryPeriod, TimeSpan renewDeadline, TimeSpan leaseDuration) =>
        workers < 1 ? "--workers must be at least 1."
        : !(TimeSpan.Zero < retryPeriod && retryPeriod < renewDeadline && renewDeadline < leaseDuration) ? "0 < --retry-period < --renew-deadline < --lease-duration is required."
        : null;
}
