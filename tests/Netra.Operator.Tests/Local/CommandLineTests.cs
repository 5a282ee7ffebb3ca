using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Netra.Operator.Core;
using Netra.Operator.Cli;
using Netra.Operator.Local;
using Netra.Probes.Cli;
using Netra.Probes.Contract;
using Spectre.Console;

namespace Netra.Operator.Tests.Local;

/// <summary>The two commands as a user types them: exit codes, what they print, the files they write.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-cli-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (IAnsiConsole Console, StringWriter Output) CapturedConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return (console, output);
    }

    [Fact]
    public async Task Probes_list_prints_every_scenario()
    {
        var (console, output) = CapturedConsole();

        var exit = await ProbesCommand.Create(console).Parse(["list"]).InvokeAsync();

        Assert.Equal(ProbesCommand.ExitPassed, exit);
        Assert.All(ScenarioNames.All, name => Assert.Contains(name, output.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probes_run_against_live_services_writes_json_junit_and_the_termination_message()
    {
        await using var environment = await LocalEnvironment.StartAsync(CancellationToken.None);
        var (json, junit, termination) = (Path.Combine(_folder.FullName, "r.json"), Path.Combine(_folder.FullName, "r.xml"), Path.Combine(_folder.FullName, "termination"));
        var (console, output) = CapturedConsole();

        var exit = await ProbesCommand.Create(console).Parse(
        [
            "run", "--auth-url", environment.Targets.AuthUrl.ToString(), "--backend-url", environment.Targets.BackendUrl.ToString(),
            "--agent-url", environment.Targets.AgentUrl.ToString(), "--scenario", "thread-management", "--scenario", "auth-service-independence",
            "--json", json, "--junit", junit, "--termination-log", termination,
        ]).InvokeAsync();

        Assert.True(exit == ProbesCommand.ExitPassed, output.ToString());
        Assert.Contains("PASS  thread-management/create", output.ToString(), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(14, report.RootElement.GetProperty("summary").GetProperty("passed").GetInt32());
        Assert.Equal(14, int.Parse(XDocument.Load(junit).Root!.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var summary = TerminationMessage.Parse(await File.ReadAllTextAsync(termination));
        Assert.Equal(["auth-service-independence", "thread-management"], summary!.Scenarios.Select(s => s.Name));
        Assert.True(Encoding.UTF8.GetByteCount(await File.ReadAllTextAsync(termination)) <= TerminationMessage.MaxBytes);
    }

    [Fact]
    public async Task Probes_run_refuses_an_unknown_scenario_with_exit_2()
    {
        var (console, output) = CapturedConsole();

        var exit = await ProbesCommand.Create(console).Parse(
            ["run", "--auth-url", "http://127.0.0.1:1", "--backend-url", "http://127.0.0.1:1", "--agent-url", "http://127.0.0.1:1", "--scenario", "load-test"]).InvokeAsync();

        Assert.Equal(ProbesCommand.ExitUsage, exit);
        Assert.Contains("Unknown scenario(s): load-test", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_says_why_and_exits_2()
    {
        var (console, output) = CapturedConsole();

        var exit = await Netra.Probes.Cli.CommandLineInvoker.InvokeAsync(
            ProbesCommand.Create(console), ["run", "--auth-url", "ftp://auth", "--backend-url", "http://b", "--agent-url", "http://a"], console, ProbesCommand.ExitUsage);

        Assert.Equal(ProbesCommand.ExitUsage, exit);
        Assert.Contains("--auth-url must be an absolute http or https URL, not 'ftp://auth'.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_run_prints_progress_and_the_status_and_exits_0_when_every_case_passed()
    {
        var manifest = Path.Combine(_folder.FullName, "run.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: smoke}
            spec:
              scenarios: [auth-service-independence]
            """);
        var (console, output) = CapturedConsole();
        using var status = new StringWriter();

        var exit = await CommandLine.InvokeAsync(OperatorCommand.Create(console, status), ["run", manifest], TextWriter.Null);

        var text = output.ToString() + status;
        Assert.True(exit == ExitCodes.Succeeded, text);
        Assert.StartsWith("status:", status.ToString(), StringComparison.Ordinal);
        Assert.Contains("PASS  auth-service-independence/ready-on-its-own", text, StringComparison.Ordinal);
        Assert.Contains("phase: Succeeded", text, StringComparison.Ordinal);
        Assert.Contains("passed: 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_run_refuses_a_manifest_that_is_not_a_testrun_with_exit_2()
    {
        var manifest = Path.Combine(_folder.FullName, "cm.yaml");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\n");
        var (console, _) = CapturedConsole();
        using var error = new StringWriter();

        var exit = await CommandLine.InvokeAsync(OperatorCommand.Create(console, TextWriter.Null), ["run", manifest], error);

        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("no document of kind TestRun", error.ToString(), StringComparison.Ordinal);
    }
}
