using System.CommandLine;
using k8s;
using Netra.Operator.Core.Serve;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Uninstall;

/// <summary>
/// <c>netra-operator uninstall</c>: what must happen before the operator goes, while it still runs (the chart's
/// pre-delete hook runs it): every TestRunSchedule and TestRun deleted, and the operator given the time to clean up
/// after each run, so that no finalizer is left waiting for an operator that is gone.
/// </summary>
public static class UninstallCommand
{
    public const string DefaultTimeout = "5m";

    /// <param name="error">Progress and the last line (standard error).</param>
    public static Command Create(TextWriter error)
    {
        var kubeconfig = Kubeconfig.CreateOption();
        var timeout = new Option<string>("--timeout")
        {
            Description = "How long to wait for them to go (a duration such as 90s or 5m); past it, exit 1 naming what is left.",
            DefaultValueFactory = _ => DefaultTimeout,
        };
        var uninstall = new Command(
            "uninstall",
            "Delete every TestRunSchedule and TestRun in the cluster and wait until the running operator has cleaned up after "
                + "them (each Ephemeral run's namespace): run it before removing the operator.") { kubeconfig, timeout };
        uninstall.SetAction(async parsed =>
        {
            var text = parsed.GetValue(timeout);
            if (!GoDuration.TryParse(text, out var limit) || limit <= TimeSpan.Zero)
            {
                await error.WriteLineAsync($"netra-operator: --timeout must be a positive duration such as 90s or 5m, not '{text}'.");
                return ExitCodes.Invalid;
            }

            if (Kubeconfig.TryResolve(parsed.GetValue(kubeconfig), out var noCluster) is not { } configuration)
            {
                await error.WriteLineAsync($"netra-operator: no cluster to uninstall from: {noCluster}");
                return ExitCodes.Invalid;
            }

            using var signals = new StopSignals();
            using var client = new Kubernetes(configuration);
            return await new Uninstaller(client, error).RunAsync(limit, signals);
        });
        return uninstall;
    }
}
