using Netra.Testing;

namespace Netra.Operator.Tests.Release;

/// <summary>
/// The release's small scripts: <c>hack/release/version.sh</c> reads the product's version through MSBuild and refuses
/// a tag that names another; <c>hack/release/charts.sh</c> packages and pushes the four charts at that version. This
/// machine has no helm, so a stand-in on the PATH records what the script asks of helm and writes what helm would.
/// </summary>
public sealed class ReleaseScriptTests : IDisposable
{
    private static readonly string Version = Repository.ProductVersion;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("netra-release-scripts-");

    [Fact]
    public async Task The_version_is_Directory_Build_props_version_and_a_tag_that_names_it_passes()
    {
        var plain = await RunAsync("hack/release/version.sh", []);
        var tagged = await RunAsync("hack/release/version.sh", ["--tag", $"v{Version}"]);

        Assert.Equal((0, $"{Version}\n"), (plain.Code, plain.Stdout));
        Assert.Equal((0, $"{Version}\n"), (tagged.Code, tagged.Stdout));
    }

    [Theory]
    [InlineData("v99.0.0")]
    [InlineData("release-1")]
    public async Task A_tag_that_names_another_version_fails_naming_both(string tag)
    {
        var exit = await RunAsync("hack/release/version.sh", ["--tag", tag]);

        Assert.Equal((1, string.Empty), (exit.Code, exit.Stdout));
        var expected = $"The tag {tag} does not name the product's version {Version} (Directory.Build.props <Version>)";
        Assert.StartsWith(expected, exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_four_charts_are_packaged_and_pushed_at_the_product_version()
    {
        var output = Path.Combine(_work.FullName, "charts");

        var exit = await RunAsync("hack/release/charts.sh", [output, "--push", "oci://registry.example/netra/charts"]);

        Assert.True(exit.Code == 0, exit.ToString());
        string[] charts = ["netra-operator", "netra-auth", "netra-backend", "netra-agent"];
        Assert.Equal(
            charts.SelectMany(chart => new[]
            {
                $"package charts/{chart} --version {Version} --app-version {Version} --destination {output}",
                $"push {output}/{chart}-{Version}.tgz oci://registry.example/netra/charts",
            }),
            await File.ReadAllLinesAsync(Path.Combine(_work.FullName, "helm.log")));
    }

    [Theory]
    [InlineData("--push", "oci://registry.example/charts")]
    [InlineData("out", "--push", "https://registry.example/charts")]
    [InlineData("out", "--push")]
    public async Task The_charts_script_refuses_arguments_it_does_not_take(params string[] args)
    {
        var exit = await RunAsync("hack/release/charts.sh", args);

        Assert.Equal(2, exit.Code);
        Assert.StartsWith("usage: hack/release/charts.sh OUTDIR [--push oci://REGISTRY[/PATH]]", exit.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "helm.log")));
    }

    /// <summary>Runs a script with helm's stand-in first on the PATH, logging to helm.log in the work folder.</summary>
    private async Task<CommandExit> RunAsync(string script, string[] args)
    {
        var helm = Path.Combine(_work.FullName, "helm");
        await File.WriteAllTextAsync(helm, """
            #!/usr/bin/env bash
            # helm as hack/release/charts.sh calls it: records each call; `package CHART ... --destination DIR` writes
            # DIR/NAME-VERSION.tgz, as helm names a chart's archive, and `push FILE` fails when there is no FILE.
            set -euo pipefail
            echo "$*" >> "$(dirname "$0")/helm.log"
            if [[ $1 == package ]]; then
              args=("$@")
              for i in "${!args[@]}"; do
                case ${args[i]} in
                  --version) version=${args[i + 1]} ;;
                  --destination) destination=${args[i + 1]} ;;
                esac
              done
              mkdir -p "$destination"
              touch "$destination/$(basename "$2")-$version.tgz"
            elif [[ $1 == push && ! -f $2 ]]; then
              echo "Error: $2: no such file" >&2
              exit 1
            fi
            """);
        File.SetUnixFileMode(helm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = $"{_work.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
        var variables = new Dictionary<string, string> { ["PATH"] = path };
        return await CommandProcess.RunFileAsync(Path.Combine(Repository.Root, script), args, Deadline, variables);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
