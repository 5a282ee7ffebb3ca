using System.CommandLine;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Probes.Model;
using Netra.Probes.Reporting;
using Netra.Probes.Scenarios;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator results NAME</c>: the full results of a TestRun that ran in a cluster (every case, with its message
/// and duration), as the JSON report on standard output, and as <c>--junit</c> and <c>--json</c> files.
/// </summary>
public static class ResultsCommand
{
    public static Command Create(IAnsiConsole progress, TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = "The TestRun's name." };
        var ns = new Option<string?>("--namespace", "-n")
        {
            Description = "Its namespace; default: the kubeconfig context's, else default.",
        };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig")
        {
            Description = "A kubeconfig file; default: in-cluster, else $KUBECONFIG or ~/.kube/config.",
        };
        var junit = new Option<FileInfo?>("--junit") { Description = "Write a JUnit XML report of every case to this file." };
        var json = new Option<FileInfo?>("--json") { Description = "Write every case's result to this JSON file." };
        var results = new Command("results", "Print the full results of a TestRun run in a cluster; write them as JUnit or JSON.")
        {
            name, ns, kubeconfig, junit, json,
        };
        results.SetAction(async (parsed, cancellationToken) =>
        {
            var outputs = new ReportOutputs(
                ReportPaths.Writable(parsed.GetValue(json)),
                ReportPaths.Writable(parsed.GetValue(junit)),
                null);
            var configuration = Configuration(parsed.GetValue(kubeconfig));
            var where = parsed.GetValue(ns) ?? configuration.Namespace ?? "default";
            using var client = new Kubernetes(configuration);
            var run = await ReadRunAsync(client, where, parsed.GetRequiredValue(name), cancellationToken);
            var report = await ReadReportAsync(client, run, cancellationToken);

            await outputs.WriteAsync(EveryScenario(JsonReport.Parse(report, ChildNames.ResultsConfigMap(run)), run), cancellationToken);
            await output.WriteLineAsync(report);
            progress.MarkupLine(RunVerdict.Line(run.Status ?? new TestRunStatus()));
            return run.Status?.Phase == Phases.Succeeded ? ExitCodes.Succeeded : ExitCodes.Failed;
        });
        return results;
    }

    /// <summary>
    /// The report with every scenario of the run's status, in its order: one the results hold no report of (it never ran,
    /// its pod left none) lists its cases as errors saying what the status says of it.
    /// </summary>
    private static RunReport EveryScenario(RunReport report, TestRun run)
    {
        var statuses = run.Status?.Scenarios ?? [];
        if (statuses.Count == 0)
        {
            return report;
        }

        var reported = report.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return report with
        {
            Scenarios = [.. statuses.Select(s => reported.TryGetValue(s.Name, out var found) && found.Cases.Count > 0
                ? found
                : ScenarioCatalog.NeverRan(s.Name, ResultsStatus.WhyNoReport(run.Status, s.Name)))],
        };
    }

    private static KubernetesClientConfiguration Configuration(FileInfo? kubeconfig)
    {
        try
        {
            return Kubeconfig.Resolve(kubeconfig);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException)
        {
            throw new UsageException($"no cluster to read from: {error.Message.ReplaceLineEndings(" ")}", error);
        }
    }

    private static async Task<TestRun> ReadRunAsync(Kubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var item = await client.CustomObjects.GetNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, ns, TestRun.Plural, name, cancellationToken);
            return KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UsageException($"no TestRun {ns}/{name}.", error);
        }
    }

    private static async Task<string> ReadReportAsync(Kubernetes client, TestRun run, CancellationToken cancellationToken)
    {
        var where = $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(
                ChildNames.ResultsConfigMap(run), run.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            return (map.Data is { } data && data.TryGetValue(ResultsStage.ReportKey, out var report) ? report : null)
                ?? throw new UsageException($"the results of TestRun {where} hold no report.");
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UsageException(
                $"TestRun {where} has no results yet (phase {run.Status?.Phase ?? "Pending"}); they are kept once its probes ran.",
                error);
        }
    }
}
