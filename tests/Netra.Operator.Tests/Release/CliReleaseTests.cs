using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Netra.Testing;

namespace Netra.Operator.Tests.Release;

/// <summary>
/// What <c>hack/release/cli.sh</c> wrote when the test command ran it as the release workflow does (tests/run.sh, before
/// the tests: it compiles for minutes on every core), for this machine's platform and for Windows (a platform this
/// machine cannot run): its executables, the .NET tool and SHA256SUMS, in artifacts/release.
/// </summary>
public sealed class ReleasedCli
{
    public static readonly string[] Platforms = ["linux-x64", "win-x64"];

    public DirectoryInfo Folder { get; } = new(Path.Combine(Repository.Root, "artifacts", "release"));

    /// <summary>The path of a file the script wrote.</summary>
    public string Asset(string name)
    {
        var path = Path.Combine(Folder.FullName, name);
        Assert.True(File.Exists(path), $"{path} missing: tests/run.sh runs hack/release/cli.sh artifacts/release {string.Join(' ', Platforms)}");
        return path;
    }
}

/// <summary>
/// The netra-operator a release attaches: one file per platform that runs with nothing installed, at the product's
/// version, beside the .NET tool, and SHA256SUMS that a user's <c>sha256sum --check</c> accepts.
/// </summary>
public sealed class CliReleaseTests
{
    private readonly ReleasedCli _release = new();

    private static readonly string Version = Repository.ProductVersion;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_script_writes_an_executable_per_platform_the_tool_and_their_checksums_and_nothing_else()
    {
        _release.Asset("SHA256SUMS");
        string[] expected =
        [
            $"netra-operator-{Version}-linux-x64", $"netra-operator-{Version}-win-x64.exe", $"netra-operator.{Version}.nupkg",
            "SHA256SUMS",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), _release.Folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SHA256SUMS_holds_the_checksum_of_every_other_file()
    {
        var sums = File.ReadAllLines(_release.Asset("SHA256SUMS"))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(fields => fields[1], fields => fields[0]);
        var actual = _release.Folder.GetFiles().Where(f => f.Name != "SHA256SUMS")
            .ToDictionary(f => f.Name, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.FullName))));

        Assert.Equal(actual.OrderBy(pair => pair.Key, StringComparer.Ordinal), sums.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_linux_executable_names_the_product_version()
    {
        var exit = await CommandProcess.RunFileAsync(_release.Asset($"netra-operator-{Version}-linux-x64"), ["version"], Deadline);

        Assert.True(exit.Code == 0, exit.ToString());
        Assert.StartsWith($"netra-operator {Version}+", exit.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The local run hosts the three services inside the executable: ASP.NET Core, SQLite, Serilog's sinks.</summary>
    [Fact]
    public async Task The_linux_executable_runs_a_TestRun_on_this_machine_to_Succeeded()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"netra-released-cli-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: released-cli}
            spec:
              scenarios: [auth-websocket-handshake]
            """);
        try
        {
            var exit = await CommandProcess.RunFileAsync(
                _release.Asset($"netra-operator-{Version}-linux-x64"), ["run", "-f", manifest, "-o", "json"], Deadline);

            Assert.True(exit.Code == 0, exit.ToString());
            Assert.Equal("Succeeded", (string?)JsonNode.Parse(exit.Stdout)!["status"]!["phase"]);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public void The_windows_executable_is_a_64_bit_windows_program()
    {
        using var file = File.OpenRead(_release.Asset($"netra-operator-{Version}-win-x64.exe"));
        using var reader = new BinaryReader(file);
        var dosMagic = reader.ReadUInt16();
        file.Position = 0x3c;
        file.Position = reader.ReadInt32();
        var peMagic = reader.ReadUInt32();
        var machine = reader.ReadUInt16();

        Assert.Equal((0x5a4d, 0x4550u, 0x8664), (dosMagic, peMagic, machine)); // "MZ", "PE\0\0", x64
    }
}
