using System.CommandLine;
using Netra.Probes.Contract;
using Netra.Probes.Reporting;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;
using Spectre.Console;

namespace Netra.Probes.Cli;

/// <summary><c>netra-probes list</c> and <c>netra-probes run</c>, as the contract fixes them.</summary>
public static class ProbesCommand
{
    public const int ExitPassed = 0;
    public const int ExitNotPassed = 1;
    public const int ExitUsage = 2;

    public static RootCommand Create(IAnsiConsole console)
    {
        var root = new RootCommand("Netra integration probes: check that auth, backend and agent work together.");
        root.Subcommands.Add(ListCommand(console));
        root.Subcommands.Add(RunCommand(console));
        return root;
    }

    private static Command ListCommand(IAnsiConsole console)
    {
        var list = new Command("list", "Print the scenarios and how many cases each has.");
        list.SetAction(_ =>
        {
            var table = new Table().AddColumns("scenario", "cases", "covers");
            foreach (var scenario in ScenarioCatalog.All)
            {
                table.AddRow(scenario.Name, scenario.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(scenario.Covers));
            }

            console.Write(table);
            return ExitPassed;
        });
        return list;
    }

    private static Option<Uri> UrlOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                // A base URL without a trailing slash would lose its last path segment when paths are appended.
                return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
            }

            result.AddError($"{name} must be an absolute http or https URL, not '{text}'.");
            return null;
        },
    };

    private static Command RunCommand(IAnsiConsole console)
    {
        var authUrl = UrlOption(ProbeCommandLine.AuthUrl, "Base URL of the auth service.");
        var backendUrl = UrlOption(ProbeCommandLine.BackendUrl, "Base URL of the backend service.");
        var agentUrl = UrlOption(ProbeCommandLine.AgentUrl, "Base URL of the agent service.");
        var scenarios = new Option<string[]>(ProbeCommandLine.Scenario) { Description = "A scenario to run (repeatable); all when absent." };
        var json = new Option<FileInfo?>("--json") { Description = "Write every case's result to this JSON file." };
        var junit = new Option<FileInfo?>("--junit") { Description = "Write a JUnit XML report to this file." };
        var terminationLog = new Option<FileInfo?>(ProbeCommandLine.TerminationLog)
        {
            Description = $"Write a compact summary (at most 4 KB) here; default {ProbeCommandLine.TerminationLogPath} when it exists.",
        };
        var parallelism = new Option<int>("--parallelism") { Description = "Scenarios run at once.", DefaultValueFactory = _ => 1 };
        var caseTimeout = new Option<TimeSpan>("--case-timeout") { Description = "Deadline of each case.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };

        var run = new Command(ProbeCommandLine.Run, "Run scenarios against live services; exit 0 only if every case passed.")
        {
            authUrl, backendUrl, agentUrl, scenarios, json, junit, terminationLog, parallelism, caseTimeout,
        };
        run.SetAction(async (parsed, cancellationToken) =>
        {
            var selected = ScenarioCatalog.Select(parsed.GetValue(scenarios) ?? []);
            if (selected.Unknown.Count > 0)
            {
                console.MarkupLineInterpolated($"[red]Unknown scenario(s): {string.Join(", ", selected.Unknown)}.[/] Known: {string.Join(", ", ScenarioCatalog.Names)}.");
                return ExitUsage;
            }

            var targets = new ProbeTargets(parsed.GetRequiredValue(authUrl), parsed.GetRequiredValue(backendUrl), parsed.GetRequiredValue(agentUrl));
            var outputs = new ReportOutputs(
                parsed.GetValue(json)?.FullName,
                parsed.GetValue(junit)?.FullName,
                parsed.GetValue(terminationLog)?.FullName ?? (File.Exists(ProbeCommandLine.TerminationLogPath) ? ProbeCommandLine.TerminationLogPath : null));

            using var http = new HttpClient();
            var context = new ProbeContext(targets, ProbeCredentials.FromEnvironment(Environment.GetEnvironmentVariable), http);
            var reporter = new ConsoleReporter(console);
            var runner = new ProbeRunner(context, reporter, parsed.GetValue(caseTimeout));
            var report = await runner.RunAsync(selected.Scenarios, parsed.GetValue(parallelism), cancellationToken);

            reporter.WriteSummary(report);
            await outputs.WriteAsync(report, cancellationToken);
            return report.Summary.Succeeded ? ExitPassed : ExitNotPassed;
        });
        return run;
    }
}
