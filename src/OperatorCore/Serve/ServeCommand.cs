using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// <c>netra-operator serve</c>: the controller against the cluster of the current kubeconfig, or in-cluster. SIGTERM
/// (a pod being deleted) stops it within moments, releasing its Lease so that a standby leads at once.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var options = new ServeCommandOptions();
        var serve = new Command("serve", "Reconcile TestRuns in the cluster (with --leader-elect, only the leader works).");
        options.AddTo(serve);
        serve.SetAction(async parsed =>
        {
            if (options.Problem(parsed) is { } problem)
            {
                await Console.Error.WriteLineAsync($"netra-operator: {problem}");
                return ExitCodes.Invalid;
            }

            if (Kubeconfig.TryResolve(parsed.GetValue(options.Kubeconfig), out var noCluster) is not { } configuration)
            {
                await Console.Error.WriteLineAsync($"netra-operator: no cluster to serve: {noCluster}");
                return ExitCodes.Invalid;
            }

            using var signals = new StopSignals();
            using var loggers = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(parsed.GetValue(options.LogLevel))
                .AddProvider(new ClefLoggerProvider(Console.Out, parsed.GetValue(options.LogLevel), TimeProvider.System)));
            await using var host = OperatorHost.Start(configuration, options.ToServeOptions(parsed), loggers);
            try
            {
                await host.Completion.WaitAsync(signals.Token);
            }
            catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
            {
                // SIGTERM or Ctrl-C: stop cleanly; disposing the host releases the Lease for the next leader.
            }

            return ExitCodes.Succeeded;
        });
        return serve;
    }
}
