using System.Xml.Linq;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Local;
using Netra.Operator.Tests.Cli;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// <c>netra-operator run -f FILE --cluster</c> and <c>netra-operator wait NAME</c> as a CI step runs them, against the
/// operator: progress while the run goes, then the local run's table, verdict, reports and exit codes.
/// </summary>
public sealed class ClusterRunCommandTests(OperatorTestBedFixture bed) : WithOperator(bed, "clirun"), IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-cluster-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Kubeconfig => Bed.Cp.WriteKubeconfig(Bed.Cp.AdminToken);

    private static string Unreachable(string name) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          scenarios: [auth-service-independence, thread-management]
          environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
        """;

    private async Task<string> ManifestAsync(string yaml)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    [Fact]
    public async Task A_cluster_run_nothing_answers_prints_progress_then_the_table_and_verdict_writes_junit_and_exits_1()
    {
        var ns = await Bed.CreateNamespaceAsync("cli");
        var junit = Path.Combine(_folder.FullName, "r.xml");

        var exit = await InProcessCli.RunAsync(
            "run", "-f", await ManifestAsync(Unreachable("unreachable")), "--cluster", "--kubeconfig", Kubeconfig, "-n", ns, "--junit", junit);

        Assert.True(exit.Code == ExitCodes.Failed, exit.ToString());
        var lines = exit.StderrLines;
        Assert.StartsWith($"Running TestRun unreachable in the cluster, namespace {ns}.", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Probing ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  auth-service-independence", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("│ auth-service-independence │ Failed", StringComparison.Ordinal));
        Assert.StartsWith("Failed (PreflightFailed)", lines[^1], StringComparison.Ordinal);
        Assert.Equal(["header", "progress", "table", "verdict"], InProcessCli.Shape(exit));
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.NotNull(c.Element("error")));
        Assert.Equal(["auth-service-independence", "thread-management"], cases.Select(c => c.Attribute("classname")!.Value).Distinct());
        Assert.StartsWith("status:", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains("phase: Failed", exit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_runs_stderr_has_the_local_runs_shape_for_the_same_manifest()
    {
        var ns = await Bed.CreateNamespaceAsync("shape");
        var manifest = await ManifestAsync(Unreachable("shaped"));

        // -f locally, FILE in the cluster: both forms work in both places.
        var local = await InProcessCli.RunAsync("run", "-f", manifest);
        var cluster = await InProcessCli.RunAsync("run", manifest, "--cluster", "--kubeconfig", Kubeconfig, "-n", ns);

        Assert.True(local.Code == ExitCodes.Failed, local.ToString());
        Assert.True(cluster.Code == local.Code, cluster.ToString());
        Assert.True(InProcessCli.Shape(local).SequenceEqual(InProcessCli.Shape(cluster)), $"local:\n{local}\ncluster:\n{cluster}");
        Assert.Equal(local.StderrLines[^1].Split(" (")[0], cluster.StderrLines[^1].Split(" (")[0]);
    }

    [Fact]
    public async Task Applying_the_manifest_of_an_existing_run_runs_it_again_with_the_manifests_spec()
    {
        var ns = await Bed.CreateNamespaceAsync("again");
        var first = await InProcessCli.RunAsync(
            "run", "-f", await ManifestAsync(Unreachable("twice")), "--cluster", "--kubeconfig", Kubeconfig, "-n", ns);
        Assert.True(first.Code == ExitCodes.Failed, first.ToString());

        var edited = Unreachable("twice").Replace("thread-management", "multi-agent-isolation", StringComparison.Ordinal);
        var second = await InProcessCli.RunAsync("run", "-f", await ManifestAsync(edited), "--cluster", "--kubeconfig", Kubeconfig, "-n", ns);

        Assert.True(second.Code == ExitCodes.Failed, second.ToString());
        Assert.StartsWith($"Running TestRun twice in the cluster again, namespace {ns}", second.StderrLines[0], StringComparison.Ordinal);
        var run = (await Bed.ReadRunAsync(ns, "twice"))!;
        Assert.Equal(2, run.Status!.Run);
        Assert.Equal(run.Metadata.Annotations[ChildNames.RerunAnnotation], run.Status.Rerun);
        Assert.Equal(["auth-service-independence", "multi-agent-isolation"], run.Status.Scenarios.Select(s => s.Name));
        Assert.Contains("run: 2", second.Stdout, StringComparison.Ordinal);
        Assert.Contains(second.StderrLines, l => l.StartsWith("│ multi-agent-isolation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_run_where_every_case_passes_exits_0_with_the_json_report()
    {
        await using var services = await LocalEnvironment.StartAsync(CancellationToken.None);
        var ns = await Bed.CreateNamespaceAsync("passes");
        var targets = services.Targets;
        var json = Path.Combine(_folder.FullName, "r.json");
        var manifest = await ManifestAsync($$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: passes}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                endpoints: {authUrl: "{{targets.AuthUrl}}", backendUrl: "{{targets.BackendUrl}}", agentUrl: "{{targets.AgentUrl}}"}
            """);

        var exit = await InProcessCli.RunAsync("run", "-f", manifest, "--cluster", "--kubeconfig", Kubeconfig, "-n", ns, "--json", json, "-o", "json");

        Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
        Assert.StartsWith("Succeeded", exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.Contains(exit.StderrLines, l => l.StartsWith("PASS  auth-service-independence", StringComparison.Ordinal));
        Assert.Contains("\"passed\":3", (await File.ReadAllTextAsync(json)).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"phase\":\"Succeeded\"", exit.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[], string> BadInputs => new()
    {
        { "a wrong type", "apiVersion: netra.io/v1alpha1\nkind: TestRun\nmetadata: {name: x}\nspec: {parallelism: \"x\"}\n", [],
            "spec.parallelism: Invalid value: \"x\": spec.parallelism in body must be of type integer" },
        { "not a TestRun", "apiVersion: v1\nkind: ConfigMap\n", [], "no document of kind TestRun" },
        { "an unknown context", Unreachable("x"), ["--context", "nowhere"], "no cluster to talk to:" },
        { "another namespace than the manifest's", Unreachable("x").Replace("{name: x}", "{name: x, namespace: a}", StringComparison.Ordinal),
            ["-n", "b"], "the manifest's namespace a is not the namespace b given with --namespace" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_to_a_cluster_run_is_one_line_and_exit_2(string what, string yaml, string[] more, string says)
    {
        var exit = await InProcessCli.RunAsync(["run", "-f", await ManifestAsync(yaml), "--cluster", "--kubeconfig", Kubeconfig, .. more]);

        Assert.True(exit.Code == ExitCodes.Invalid, $"{what}: {exit}");
        var line = Assert.Single(exit.StderrLines);
        Assert.StartsWith("netra-operator: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.Empty(exit.Stdout);
    }

    [Fact]
    public async Task Wait_follows_a_run_someone_else_started_and_ends_as_run_does()
    {
        var ns = await Bed.CreateNamespaceAsync("wait");
        await Bed.CreateRunAsync(ns, Unreachable("started"));
        var junit = Path.Combine(_folder.FullName, "w.xml");

        var exit = await InProcessCli.RunAsync("wait", "started", "-n", ns, "--kubeconfig", Kubeconfig, "--junit", junit);

        Assert.True(exit.Code == ExitCodes.Failed, exit.ToString());
        Assert.StartsWith($"Following TestRun started in the cluster, namespace {ns}.", exit.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains(exit.StderrLines, l => l.StartsWith("FAIL  auth-service-independence", StringComparison.Ordinal));
        Assert.Contains(exit.StderrLines, l => l.StartsWith("│ thread-management", StringComparison.Ordinal));
        Assert.StartsWith("Failed (PreflightFailed)", exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.All(XDocument.Load(junit).Descendants("testcase"), c => Assert.NotNull(c.Element("error")));
        Assert.Contains("phase: Failed", exit.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wait")]
    [InlineData("run --cluster")]
    public async Task Following_past_its_timeout_exits_1_naming_what_the_run_was_doing(string command)
    {
        var ns = await Bed.CreateNamespaceAsync("timeout");
        Bed.Kubelet.Pause();
        try
        {
            await Bed.CreateRunAsync(ns, Unreachable("stuck"));
            await Bed.WaitForPhaseAsync(ns, "stuck", Phases.Probing);

            // run --cluster creates its own run, which the paused kubelet keeps from getting anywhere either.
            var (name, follow) = command == "wait"
                ? ("stuck", (string[])["wait", "stuck"])
                : ("stuck-too", ["run", "-f", await ManifestAsync(Unreachable("stuck-too")), "--cluster"]);
            var exit = await InProcessCli.RunAsync([.. follow, "-n", ns, "--kubeconfig", Kubeconfig, "--timeout", "2s"]);

            Assert.True(exit.Code == ExitCodes.Failed, exit.ToString());
            Assert.StartsWith($"Timed out after 2s waiting for TestRun {ns}/{name}; it was ", exit.StderrLines[^1], StringComparison.Ordinal);
            Assert.True(command != "wait" || exit.StderrLines[^1].Contains("it was Probing: Probing ", StringComparison.Ordinal), exit.ToString());
            Assert.Empty(exit.Stdout);
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    [Fact]
    public async Task Wait_for_a_run_that_does_not_exist_is_one_line_and_exit_2()
    {
        var exit = await InProcessCli.RunAsync("wait", "nothing", "-n", "default", "--kubeconfig", Kubeconfig);

        Assert.Equal(ExitCodes.Invalid, exit.Code);
        Assert.Equal("netra-operator: no TestRun default/nothing.", Assert.Single(exit.StderrLines));
    }

    [Fact]
    public async Task Ctrl_C_stops_following_with_exit_130_and_leaves_the_run_going_in_the_cluster()
    {
        var ns = await Bed.CreateNamespaceAsync("ctrlc");
        Bed.Kubelet.Pause();
        try
        {
            using var follow = CommandProcess.Start(
                "netra-operator", ["run", "-f", await ManifestAsync(Unreachable("left")), "--cluster", "--kubeconfig", Kubeconfig, "-n", ns]);
            await follow.WaitForStderrAsync("Probing ", OperatorTestBed.Deadline);

            follow.Signal("INT");
            var exit = await follow.WaitForExitAsync(OperatorTestBed.Deadline);

            Assert.True(exit.Code == ExitCodes.Interrupted, exit.ToString());
            Assert.StartsWith($"Stopped following; TestRun {ns}/left goes on in the cluster", exit.StderrLines[^1], StringComparison.Ordinal);
            Assert.Equal(Phases.Probing, (await Bed.ReadRunAsync(ns, "left"))!.Status!.Phase);
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }
}
