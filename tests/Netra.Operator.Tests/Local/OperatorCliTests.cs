using System.Text.Json;
using System.Xml.Linq;
using Netra.Operator.Core;
using Netra.Testing;

namespace Netra.Operator.Tests.Local;

/// <summary><c>netra-operator run</c> as a CI step runs it: its own process, a pipe for output, signals, bad input.</summary>
public sealed class OperatorCliTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The least any bound on work that starts or stops a process is given, however fast the machine.</summary>
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(10);

    private const string OneScenario = """
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: piped}
        spec:
          scenarios: [auth-service-independence]
          environment:
            credentialsSecretRef: {name: probe-credentials}
        """;

    // The child's temporary files go here, so that what it leaves behind can be seen.
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("netra-cli-temp-");
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("netra-cli-out-");

    private Dictionary<string, string> Environment => new() { ["TMPDIR"] = _temp.FullName };

    public void Dispose()
    {
        _temp.Delete(recursive: true);
        _out.Delete(recursive: true);
    }

    [Fact]
    public async Task A_manifest_from_stdin_prints_parseable_json_status_writes_both_reports_and_ends_with_a_verdict_on_stderr()
    {
        var (junit, json) = (Path.Combine(_out.FullName, "r.xml"), Path.Combine(_out.FullName, "r.json"));

        var exit = await CommandProcess.RunAsync(
            "netra-operator", ["run", "-", "-o", "json", "--junit", junit, "--json", json], Deadline, Environment, OneScenario);

        Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
        using var status = JsonDocument.Parse(exit.Stdout);
        var summary = status.RootElement.GetProperty("status").GetProperty("summary");
        Assert.Equal("Succeeded", status.RootElement.GetProperty("status").GetProperty("phase").GetString());
        var total = summary.GetProperty("total").GetInt32();
        Assert.Equal(3, total);
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        Assert.Equal(total, cases.Count);
        Assert.All(cases, c => Assert.Equal("auth-service-independence", c.Attribute("classname")!.Value));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(total, report.RootElement.GetProperty("summary").GetProperty("passed").GetInt32());
        Assert.Contains(exit.StderrLines, l => l.StartsWith("PASS ", StringComparison.Ordinal));
        Assert.Contains(exit.StderrLines, l => l.StartsWith("warning: spec.environment.credentialsSecretRef is ignored", StringComparison.Ordinal));
        Assert.StartsWith("Succeeded", exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.Empty(_temp.GetFileSystemInfos());
    }

    [Theory]
    [InlineData("parallelism: \"x\"", "spec.parallelism: Invalid value: \"x\": spec.parallelism in body must be of type integer")]
    [InlineData("scenarios: [no-such-scenario]", "spec.scenarios[0]: Unsupported value: \"no-such-scenario\"")]
    public async Task A_malformed_manifest_exits_2_with_one_line_and_no_dotnet_inside(string spec, string expected)
    {
        var exit = await CommandProcess.RunAsync(
            "netra-operator", ["run", "-"], Deadline, Environment, $"apiVersion: netra.io/v1alpha1\nkind: TestRun\nmetadata: {{name: x}}\nspec:\n  {spec}\n");

        Assert.True(exit.Code == ExitCodes.Invalid, exit.ToString());
        var line = Assert.Single(exit.StderrLines);
        Assert.StartsWith($"netra-operator: (standard input): {expected}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", exit.Stderr, StringComparison.Ordinal);
        Assert.Empty(exit.Stdout);
    }

    [Fact]
    public async Task Ctrl_C_during_a_run_exits_130_sooner_than_the_run_got_going_with_the_finished_scenarios_and_no_temporary_folder()
    {
        var started = DateTime.UtcNow;
        using var run = CommandProcess.Start("netra-operator", ["run", Path.Combine(Repository.Root, "examples", "testrun-local.yaml")], Environment);
        await run.WaitForStderrAsync("PASS ", Deadline);
        // The baseline, measured on this machine now: the process started, the services started, a first case passed.
        var gettingGoing = DateTime.UtcNow - started;

        run.Signal("INT");
        var signalled = DateTime.UtcNow;
        var exit = await run.WaitForExitAsync(Deadline);

        // Stopping (the running cases wound down, the services stopped, the status written) costs less than starting.
        var stopping = DateTime.UtcNow - signalled;
        Assert.True(stopping < Max(gettingGoing, ProcessBound), $"stopped in {stopping.TotalSeconds:0.0} s; got going in {gettingGoing.TotalSeconds:0.0} s");
        Assert.True(exit.Code == ExitCodes.Interrupted, exit.ToString());
        Assert.Contains("reason: Cancelled", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains("result: NotRun", exit.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("Failed (Cancelled)", exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.Empty(_temp.GetFileSystemInfos());
    }

    [Fact]
    public async Task Two_full_runs_at_once_on_a_saturated_cpu_both_pass()
    {
        // Competing processes keep every core busy for as long as the runs last, as on a loaded CI node.
        var burners = Enumerable.Range(0, System.Environment.ProcessorCount)
            .Select(_ => System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("yes") { RedirectStandardOutput = true })!)
            .ToList();
        var drains = burners.Select(b => b.StandardOutput.BaseStream.CopyToAsync(Stream.Null)).ToList();
        try
        {
            var example = Path.Combine(Repository.Root, "examples", "testrun-local.yaml");
            var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                CommandProcess.RunAsync("netra-operator", ["run", example], TimeSpan.FromMinutes(3), Environment)));

            Assert.All(runs, exit => Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString()));
            Assert.All(runs, exit => Assert.StartsWith("Succeeded", exit.StderrLines[^1], StringComparison.Ordinal));
        }
        finally
        {
            foreach (var burner in burners)
            {
                burner.Kill();
                burner.Dispose();
            }

            await Task.WhenAll(drains.Select(d => d.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static TheoryData<string, string[], string?, string> BadInputs => new()
    {
        { "a directory", ["run", "{out}"], null, "is a directory" },
        { "a missing file", ["run", "{out}/missing.yaml"], null, "missing.yaml" },
        { "an unknown field", ["run", "-"], "apiVersion: netra.io/v1alpha1\nkind: TestRun\nmetadata: {name: x}\nspec: {paralelism: 3}\n", "unknown field \"spec.paralelism\"" },
        { "invalid YAML", ["run", "-"], "apiVersion: netra.io/v1alpha1\nkind: [TestRun\n", "not valid YAML at line" },
        { "not a TestRun", ["run", "-"], "apiVersion: v1\nkind: ConfigMap\n", "no document of kind TestRun" },
        { "an unknown output format", ["run", "-", "-o", "xml"], OneScenario, "'xml' not recognized" },
        { "a report in a missing folder", ["run", "-", "--junit", "{out}/nowhere/r.xml"], OneScenario, "does not exist" },
        { "no manifest", ["run"], null, "Required argument missing" },
        { "two manifests", ["run", "-", "-f", "{out}/other.yaml"], OneScenario, "give the manifest once, as FILE or -f FILE" },
        { "a namespace without --cluster", ["run", "-", "-n", "ci"], OneScenario, "add --cluster" },
        { "no command", ["launch"], null, "Unrecognized command or argument 'launch'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_2(string what, string[] args, string? stdin, string says)
    {
        var exit = await CommandProcess.RunAsync(
            "netra-operator", [.. args.Select(a => a.Replace("{out}", _out.FullName, StringComparison.Ordinal))], Deadline, Environment, stdin);

        Assert.True(exit.Code == ExitCodes.Invalid, $"{what}: {exit}");
        var line = Assert.Single(exit.StderrLines);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.StartsWith("netra-operator: ", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, exit.Stdout);
        Assert.Empty(_temp.GetFileSystemInfos());
    }
}
