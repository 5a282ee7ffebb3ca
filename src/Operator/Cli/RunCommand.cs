using System.CommandLine;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Probes.Reporting;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator run FILE</c> (or <c>-f FILE</c>): a TestRun on this machine, or with <c>--cluster</c> in the cluster of
/// the kubeconfig, followed there to its end. Progress, warnings and the closing table and verdict go to standard error;
/// the final status alone goes to standard output (<c>-o yaml|json</c>), so a pipe can parse it.
/// </summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole progress, TextWriter output)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "A TestRun manifest, as you would kubectl apply it; - reads standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var filename = new Option<string?>("--filename", "-f") { Description = "The manifest, as kubectl apply -f takes it (instead of FILE)." };
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Apply it in the cluster (create it, or run an existing TestRun of its name again) and follow it there.",
        };
        var timeout = FollowTimeout.Create(byDefault: null, whenNone: "Default: until it ends (its spec.timeout ends it). Only with --cluster.");
        var format = StatusDocument.FormatOption();
        var reports = new ReportOptions();
        var clusterOptions = new ClusterOptions();
        var run = new Command("run", "Run a TestRun on this machine (services and probes in process), or with --cluster in a cluster; print its status.")
        {
            file, filename, cluster, timeout, format,
        };
        clusterOptions.AddTo(run, reports);

        run.Validators.Add(parsed =>
        {
            if ((parsed.GetValue(file) is null) == (parsed.GetValue(filename) is null))
            {
                parsed.AddError("Required argument missing for command: 'run': give the manifest once, as FILE or -f FILE.");
            }
        });
        run.SetAction(async (parsed, _) =>
        {
            var inCluster = parsed.GetValue(cluster);
            if (!inCluster && (clusterOptions.AnyGiven(parsed) || parsed.GetResult(timeout) is { Implicit: false }))
            {
                throw new UsageException(
                    "--namespace, --context, --kubeconfig and --timeout are for a run in a cluster (a local run ends by its spec.timeout): add --cluster.");
            }

            var outputs = reports.Outputs(parsed);
            var testRun = Load(parsed.GetValue(file) ?? parsed.GetRequiredValue(filename)!);
            if (inCluster)
            {
                using var connection = clusterOptions.Connect(parsed);
                return await InClusterAsync(
                    progress, output, connection, testRun, outputs, parsed.GetRequiredValue(format), FollowTimeout.Value(parsed, timeout));
            }

            return await LocallyAsync(progress, output, testRun, outputs, parsed.GetRequiredValue(format));
        });
        return run;
    }

    private static async Task<int> LocallyAsync(IAnsiConsole progress, TextWriter output, TestRun testRun, ReportOutputs outputs, string format)
    {
        foreach (var warning in LocalRunCaveats.Warnings(testRun))
        {
            progress.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }

        using var signals = new StopSignals();
        var localRun = new LocalRun(progress, TimeProvider.System);
        localRun.Progress += message => progress.MarkupLineInterpolated($"[grey]{message}[/]");
        progress.MarkupLineInterpolated($"Running TestRun [bold]{testRun.Metadata.Name ?? "(unnamed)"}[/] locally.");

        // The status printer's first use costs a fresh process up to a second (its serializer learns the Kubernetes types):
        // it is spent while the run goes on, not after it.
        var printerReady = Task.Run(() => StatusDocument.Serialize(new TestRunStatus(), format));
        var result = await localRun.ExecuteAsync(testRun, signals.Token, () => signals.Why);

        var status = result.Run.Status ?? new TestRunStatus();
        var exit = await RunVerdict.ConcludeAsync(progress, outputs, status, result.Report);
        await printerReady;
        await output.WriteAsync(StatusDocument.Serialize(status, format));
        await output.FlushAsync(CancellationToken.None);
        return signals.ExitCode ?? exit;
    }

    /// <summary>Creates the run in the cluster, or runs the existing TestRun of its name again, then follows it to its end.</summary>
    private static async Task<int> InClusterAsync(
        IAnsiConsole progress, TextWriter output, ClusterConnection connection, TestRun testRun, ReportOutputs outputs, string format,
        TimeSpan? timeout)
    {
        var ns = Namespace(testRun, connection);
        using var signals = new StopSignals();
        var runs = connection.Runs;
        var rerun = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (applied, created) = await runs.ApplyAsync(testRun, ns, rerun, CancellationToken.None);
        var name = applied.Metadata.Name;
        progress.MarkupLine(created
            ? $"Running TestRun [bold]{Markup.Escape(name)}[/] in the cluster, namespace {Markup.Escape(ns)}."
            : $"Running TestRun [bold]{Markup.Escape(name)}[/] in the cluster again, namespace {Markup.Escape(ns)} (netra.io/rerun={rerun}).");
        return await new RunFollower(progress, output, runs).FollowAsync(ns, name, outputs, format, timeout, signals);
    }

    /// <summary>The manifest's namespace, unless <c>-n</c> names another: kubectl refuses that too.</summary>
    private static string Namespace(TestRun testRun, ClusterConnection connection) =>
        (testRun.Metadata.NamespaceProperty, connection.GivenNamespace) switch
        {
            ({ } inFile, { } given) when inFile != given => throw new UsageException(
                $"the manifest's namespace {inFile} is not the namespace {given} given with --namespace."),
            ({ } inFile, _) => inFile,
            (null, { } given) => given,
            _ => connection.DefaultNamespace,
        };

    private static TestRun Load(string path)
    {
        try
        {
            return TestRunManifest.Load(path);
        }
        catch (TestRunManifest.InvalidManifestException invalid)
        {
            throw new UsageException(invalid.Message, invalid);
        }
    }
}
