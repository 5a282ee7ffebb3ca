using Netra.Operator.Cli;
using Netra.Testing;

namespace Netra.Operator.Tests.Cli;

/// <summary>
/// netra-operator installed as users install it: <c>dotnet tool install</c> from the package the test command packs
/// (<c>artifacts/package</c>), then run from where the tool was put, and as the kubectl plugin <c>kubectl-netra</c>.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo _tools = Directory.CreateTempSubdirectory("netra-tool-");

    [Fact]
    public async Task The_packed_tool_installs_and_runs_by_its_own_name_and_as_a_kubectl_plugin()
    {
        var packages = Path.Combine(Repository.Root, "artifacts", "package");
        Assert.True(Directory.Exists(packages), $"{packages} is missing: tests/run.sh packs the tool there");
        var version = VersionCommand.Informational.Split('+')[0];

        var install = await RunAsync(
            "dotnet",
            ["tool", "install", "netra-operator", "--version", version, "--tool-path", _tools.FullName,
             "--add-source", packages, "--ignore-failed-sources"]);
        var tool = Path.Combine(_tools.FullName, "netra-operator");
        var plugin = Path.Combine(_tools.FullName, "kubectl-netra");
        File.CreateSymbolicLink(plugin, tool);

        Assert.Contains("successfully installed", install, StringComparison.Ordinal);
        Assert.StartsWith($"netra-operator {version}", await RunAsync(tool, ["version"]), StringComparison.Ordinal);
        Assert.StartsWith($"netra-operator {version}", await RunAsync(plugin, ["version"]), StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> args)
    {
        var exit = await CommandProcess.RunFileAsync(file, args, Deadline);
        Assert.True(exit.Code == 0, exit.ToString());
        return exit.Stdout;
    }

    public void Dispose() => _tools.Delete(recursive: true);
}
