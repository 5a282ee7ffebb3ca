using Netra.Testing;
using Netra.Probes.Cli;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

/// <summary>Every usage or input error: one line on stderr, nothing on stdout, exit 2, before any run starts.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly string[] Urls = ["--auth-url", "http://127.0.0.1:9/", "--backend-url", "http://127.0.0.1:9/", "--agent-url", "http://127.0.0.1:9/"];

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["run", .. Urls, "--case-timeout", "-00:00:05"], "--case-timeout must be positive" },
        { ["run", .. Urls, "--case-timeout", "soon"], "--case-timeout must be a duration such as 30s, 1m or 1m30s, not 'soon'." },
        { ["run", .. Urls, "--preflight-timeout", "0s"], "--preflight-timeout must be positive" },
        { ["run", .. Urls, "--parallelism", "0"], "--parallelism must be positive" },
        { ["run", .. Urls, "--json", "/no-such-directory/report.json"], "does not exist" },
        { ["run", .. Urls, "--junit", Path.GetTempPath()], "is a directory" },
        { ["run", .. Urls, "--profile", "reckless"], "reckless" },
        { ["run", .. Urls, "--scenario", "no-such-scenario"], "no-such-scenario" },
        { ["run", "--auth-url", "ftp://auth", "--backend-url", "http://b", "--agent-url", "http://a"], "absolute http or https URL" },
        { ["run", "--auth-url", "http://a/"], "--backend-url" },
        { ["run", .. Urls, "--frobnicate"], "--frobnicate" },
        { ["frobnicate"], "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_input_is_one_line_on_stderr_and_exit_2(string[] args, string named)
    {
        var exit = await CommandProcess.RunAsync("netra-probes", args, Deadline);

        AssertOneLineUsageError(exit, named);
    }

    [Theory]
    [InlineData("1s", "45s")]
    [InlineData("00:00:01", "00:00:45")]
    public async Task Durations_are_read_as_every_netra_duration_and_as_hh_mm_ss(string preflight, string caseTimeout)
    {
        var exit = await CommandProcess.RunAsync(
            "netra-probes", ["run", .. Urls, "--preflight-timeout", preflight, "--case-timeout", caseTimeout], Deadline);

        Assert.True(exit.Code == ProbesCommand.ExitAborted, exit.ToString());
        Assert.Contains("preflight failed", exit.Stdout + exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_a_credential_pair_is_one_line_on_stderr_and_exit_2()
    {
        var exit = await CommandProcess.RunAsync("netra-probes", ["run", .. Urls], Deadline, new Dictionary<string, string> { ["NETRA_PROBES_CLIENT_ID"] = "probes" });

        AssertOneLineUsageError(exit, "NETRA_PROBES_CLIENT_SECRET");
    }

    private static void AssertOneLineUsageError(CommandExit exit, string named)
    {
        Assert.True(exit.Code == ProbesCommand.ExitUsage, exit.ToString());
        var line = Assert.Single(exit.StderrLines);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, exit.Stdout);
    }
}
