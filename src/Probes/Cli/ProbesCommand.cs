using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Reporting;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;
using Spectre.Console;

namespace Netra.Probes.Cli;

/// <summary>
/// <c>netra-probes list</c> and <c>netra-probes run</c>, as the contract fixes them. Callable in process (the
/// operator's local run does): cancelling the invocation's token stops a run as SIGINT does.
/// </summary>
public static class ProbesCommand
{
    public const int ExitPassed = 0;
    public const int ExitNotPassed = 1;
    public const int ExitUsage = 2;

    /// <summary>The preflight found a service down, hanging or not ready: no case ran.</summary>
    public const int ExitAborted = 3;

    /// <summary>Stopped by SIGINT or by cancelling the invocation (128 + 2).</summary>
    public const int ExitInterrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int ExitTerminated = 143;

    /// <summary>Everything on one console, as an in-process caller wants it.</summary>
    public static RootCommand Create(IAnsiConsole console) => Create(console, console);

    /// <summary>Results (the summary, <c>list</c>) on <paramref name="results"/>; progress and errors on
    /// <paramref name="progress"/>; credentials from <paramref name="environment"/> (the process's variables when null); the
    /// report line of <see cref="ProbeCommandLine.LogReport"/> on <paramref name="reportLine"/> (standard output by default:
    /// written raw, never wrapped as a console would).</summary>
    public static RootCommand Create(
        IAnsiConsole results, IAnsiConsole progress, Func<string, string?>? environment = null, TextWriter? reportLine = null)
    {
        var root = new RootCommand("Netra integration probes: check that auth, backend and agent work together.");
        root.Subcommands.Add(ListCommand(results));
        root.Subcommands.Add(RunCommand(results, progress, environment ?? Environment.GetEnvironmentVariable, reportLine ?? Console.Out));
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
                table.AddRow(scenario.Name, scenario.Cases.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(scenario.Covers));
            }

            console.Write(table);
            return ExitPassed;
        });
        return list;
    }

    private static Command RunCommand(IAnsiConsole results, IAnsiConsole progress, Func<string, string?> environment, TextWriter reportLine)
    {
        var options = new RunOptions();
        var run = new Command(
            ProbeCommandLine.Run, "Run scenarios against live services; exit 0 only if every case passed or was skipped with a reason.");
        options.AddTo(run);
        run.SetAction(async (parsed, cancellationToken) =>
        {
            var selected = ScenarioCatalog.Select(parsed.GetValue(options.Scenarios) ?? []);
            if (selected.Unknown.Count > 0)
            {
                progress.WriteLine($"Unknown scenario(s): {string.Join(", ", selected.Unknown)}. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
                return ExitUsage;
            }

            ProbeCredentials credentials;
            try
            {
                credentials = ProbeCredentials.FromEnvironment(environment);
            }
            catch (InvalidOperationException error)
            {
                progress.WriteLine(error.Message);
                return ExitUsage;
            }

            using var http = UnansweredRequestGuard.CreateClient();
            var context = new ProbeContext(options.Targets(parsed), credentials, http, parsed.GetRequiredValue(options.Profile));
            var reporter = new ConsoleReporter(results, progress);
            var preflightTimeout = parsed.GetValue(options.PreflightTimeout);
            var runner = new ProbeRunner(context, reporter, parsed.GetValue(options.CaseTimeout))
            {
                ReadinessCheck = ct => Preflight.CheckAsync(context.Targets, http, preflightTimeout, ct),
            };
            var report = await runner.RunAsync(selected.Scenarios, parsed.GetValue(options.Parallelism), cancellationToken);

            reporter.WriteSummary(report);
            // Written even when the run was stopped: what finished is worth keeping.
            await options.Outputs(parsed).WriteAsync(report, CancellationToken.None);
            if (parsed.GetValue(options.LogReport))
            {
                await reportLine.WriteLineAsync(ReportLine.Compose(JsonReport.Serialize(report)));
                await reportLine.FlushAsync(CancellationToken.None);
            }

            return ExitCode(report);
        });
        return run;
    }

    private static int ExitCode(RunReport report) => report switch
    {
        { Aborted: ProbeRunner.Interrupted } => ExitInterrupted,
        { Aborted: not null } => ExitAborted,
        { Succeeded: true } => ExitPassed,
        _ => ExitNotPassed,
    };

    /// <summary>The options of <c>run</c>, each checked while parsing, so that a bad one stops the run before it starts.</summary>
    private sealed class RunOptions
    {
        public Option<Uri> AuthUrl { get; } = UrlOption(ProbeCommandLine.AuthUrl, "Base URL of the auth service.");

        public Option<Uri> BackendUrl { get; } = UrlOption(ProbeCommandLine.BackendUrl, "Base URL of the backend service.");

        public Option<Uri> AgentUrl { get; } = UrlOption(ProbeCommandLine.AgentUrl, "Base URL of the agent service.");

        public Option<string[]> Scenarios { get; } = new(ProbeCommandLine.Scenario)
        {
            Description = "A scenario to run (repeatable); all when absent.",
        };

        public Option<string> Profile { get; } = ProfileOption();

        public Option<FileInfo?> Json { get; } = OutputOption("--json", "Write every case's result to this JSON file.");

        public Option<FileInfo?> JUnit { get; } = OutputOption("--junit", "Write a JUnit XML report to this file.");

        public Option<FileInfo?> TerminationLog { get; } = OutputOption(
            ProbeCommandLine.TerminationLog,
            $"Write a compact summary (at most 4 KB) here; default {ProbeCommandLine.TerminationLogPath} when it exists.");

        public Option<bool> LogReport { get; } = new(ProbeCommandLine.LogReport)
        {
            Description = "Print the full report, packed, as the last line of standard output (where the operator reads it).",
        };

        public Option<int> Parallelism { get; } = Positive(new Option<int>("--parallelism")
        {
            Description = "Scenarios run at once.",
            DefaultValueFactory = _ => 1,
        });

        public Option<TimeSpan> CaseTimeout { get; } =
            Positive(DurationOption("--case-timeout", "Deadline of each case (a duration such as 30s).", TimeSpan.FromSeconds(30)));

        public Option<TimeSpan> PreflightTimeout { get; } = Positive(DurationOption(
            ProbeCommandLine.PreflightTimeout,
            "How long the preflight waits for every service to be ready, asking again while one is not (a duration such as 1m).",
            Preflight.DefaultBudget));

        public void AddTo(Command command)
        {
            Option[] all =
                [AuthUrl, BackendUrl, AgentUrl, Scenarios, Profile, Json, JUnit, TerminationLog, LogReport, Parallelism, CaseTimeout, PreflightTimeout];
            foreach (var option in all)
            {
                command.Options.Add(option);
            }
        }

        public ProbeTargets Targets(ParseResult parsed) =>
            new(parsed.GetRequiredValue(AuthUrl), parsed.GetRequiredValue(BackendUrl), parsed.GetRequiredValue(AgentUrl));

        public ReportOutputs Outputs(ParseResult parsed) => new(
            parsed.GetValue(Json)?.FullName,
            parsed.GetValue(JUnit)?.FullName,
            parsed.GetValue(TerminationLog)?.FullName
                ?? (File.Exists(ProbeCommandLine.TerminationLogPath) ? ProbeCommandLine.TerminationLogPath : null));

        /// <summary>A duration as every Netra duration is written (<see cref="GoDuration"/>); hh:mm:ss is still read, as before.</summary>
        private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan value) => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => value,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (GoDuration.TryParse(text, out var duration)
                    || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
                {
                    return duration;
                }

                result.AddError($"{name} must be a duration such as 30s, 1m or 1m30s, not '{text}'.");
                return default;
            },
        };

        private static Option<Uri> UrlOption(string name, string description) => new(name)
        {
            Description = description,
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    // A base URL without a trailing slash would lose its last path segment when paths are appended.
                    return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
                }

                result.AddError($"{name} must be an absolute http or https URL, not '{text}'.");
                return null;
            },
        };

        private static Option<string> ProfileOption()
        {
            var option = new Option<string>(ProbeCommandLine.Profile)
            {
                Description = $"What the run may do: '{ProbeProfiles.Safe}' against services people use, '{ProbeProfiles.Full}' in a disposable environment.",
                DefaultValueFactory = _ => ProbeProfiles.Full,
            };
            option.AcceptOnlyFromAmong([.. ProbeProfiles.All]);
            return option;
        }

        /// <summary>An output file, checked before the run: its directory must exist and the path must not be a directory.</summary>
        private static Option<FileInfo?> OutputOption(string name, string description)
        {
            var option = new Option<FileInfo?>(name) { Description = description };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<FileInfo?>() is not { } file)
                {
                    return;
                }

                if (Directory.Exists(file.FullName))
                {
                    result.AddError($"{name} '{file.FullName}' is a directory; give a file path.");
                }
                else if (file.Directory is not { Exists: true })
                {
                    result.AddError($"{name} '{file.FullName}': the directory '{file.DirectoryName}' does not exist.");
                }
            });
            return option;
        }

        private static Option<T> Positive<T>(Option<T> option)
            where T : IComparable<T>
        {
            option.Validators.Add(result =>
            {
                // A value that does not parse at all is reported by the parser itself.
                if (TryParsed(result, out T? value) && value is not null && value.CompareTo(default!) <= 0)
                {
                    result.AddError($"{option.Name} must be positive, not '{(result.Tokens.Count > 0 ? result.Tokens[0].Value : value.ToString())}'.");
                }
            });
            return option;
        }

        private static bool TryParsed<T>(OptionResult result, out T? value)
        {
            try
            {
                value = result.GetValueOrDefault<T>();
                return true;
            }
            catch (InvalidOperationException)
            {
                value = default;
                return false;
            }
        }
    }
}
