using Netra.HelmStandIn;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Tests.TestRuns;

namespace Netra.Operator.Tests.HelmStandIn;

/// <summary>The helm stand-in reads the deploy Job's command as the operator writes it, and refuses anything else.</summary>
public sealed class HelmCommandLineTests
{
    [Fact]
    public void Every_container_of_the_deploy_Job_is_a_command_the_stand_in_runs()
    {
        var run = Runs.Ephemeral();
        var job = DeployJobManifest.Build(Runs.Observe(run), new ControllerSettings(), 600);

        var containers = (job.Spec.Template.Spec.InitContainers ?? []).Concat(job.Spec.Template.Spec.Containers).ToList();

        Assert.Equal(3, containers.Count);
        Assert.All(containers, container =>
        {
            var (command, error) = HelmCommandLine.Parse([.. container.Args]);
            Assert.True(command is not null, error);
            Assert.Equal(TimeSpan.FromSeconds(600), command.Timeout);
            Assert.Equal(ChildNames.EnvironmentNamespace(run), command.Namespace);
            Assert.StartsWith($"{BundledCharts.MountPath}/", command.Chart, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string[], string> Refused => new()
    {
        { ["install", "x", "/charts/x.tgz"], "runs 'upgrade --install RELEASE CHART ...' only" },
        { ["upgrade", "--install", "x", "oci://ghcr.io/charts/x", "--namespace", "n", "--wait", "--timeout", "1s", "--values", "v"], "chart archives on disk only" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace", "n", "--wait", "--timeout", "soon", "--values", "v"], "--timeout 'soon'" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace", "n", "--timeout", "1m", "--values", "v"], "--wait is required" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--wait", "--timeout", "1m", "--values", "v"], "--namespace is required" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace", "n", "--wait", "--timeout", "1m", "--values", "v", "--version", "1"], "version 1" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace", "n", "--wait", "--timeout", "1m", "--atomic", "v"], "does not know --atomic" },
        { ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace"], "--namespace needs a value" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_command_the_deploy_Job_does_not_run_is_refused_with_its_reason(string[] args, string reason)
    {
        var (command, error) = HelmCommandLine.Parse(args);

        Assert.Null(command);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("600s", 600)]
    [InlineData("10m", 600)]
    [InlineData("1h2m3s", 3723)]
    public void Timeouts_read_as_Go_durations(string timeout, int seconds)
    {
        var (command, error) = HelmCommandLine.Parse(
            ["upgrade", "--install", "x", "/charts/x.tgz", "--namespace", "n", "--wait", "--timeout", timeout, "--values", "/values/x.json"]);

        Assert.True(command is not null, error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), command.Timeout);
    }
}
