using Netra.Testing;

namespace Netra.Operator.Tests.Local;

/// <summary>
/// Every executable Netra ships, given input it cannot use, says what is wrong in one line, in words: no exception
/// type, no stack, no .NET type name, and a non-zero exit code.
/// </summary>
public sealed class PlainErrorsTests
{
    public static TheoryData<string, string[], string> BadInput => new()
    {
        { "netra-auth", ["--Auth:AccessTokenLifetime=soon"], "netra-auth: Auth:AccessTokenLifetime is not a time span" },
        { "netra-backend", ["--Backend:AuthRecheckInterval=often"], "netra-backend: Backend:AuthRecheckInterval is not a time span" },
        { "netra-agent", ["--Agent:Streaming:ChunkSize=big"], "netra-agent: Agent:Streaming:ChunkSize is not a whole number" },
        { "netra-probes", ["run", "--auth-url", "here", "--backend-url", "there", "--agent-url", "nowhere"], "netra-probes: --auth-url must be" },
        { "netra-probes", ["run", "--parallelism", "many"], "as a whole number" },
        { "netra-operator", ["run", "/no/such/testrun.yaml"], "netra-operator: " },
        { "netra-operator", ["serve", "--workers", "several"], "as a whole number" },
        { "netra-operator", ["run", "/no/such/testrun.yaml", "--timeout", "5m"], "netra-operator: --namespace, --context, --kubeconfig and --timeout are for a run in a cluster" },
        { "netra-operator", ["run", "/no/such/testrun.yaml", "--cluster", "--timeout", "soon"], "--timeout must be a positive duration such as 90s" },
        { "netra-operator", ["wait", "smoke", "--timeout", "0s"], "--timeout must be a positive duration such as 90s" },
        { "netra-operator", ["serve", "--lease-duration", "00:00:15"], "netra-operator: --lease-duration, --renew-deadline and --retry-period take durations" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_one_plain_line(string executable, string[] args, string expected)
    {
        var data = Path.Combine(Path.GetTempPath(), $"netra-plain-{Guid.NewGuid():N}");
        var exit = await CommandProcess.RunAsync(
            executable, [.. args, .. Settings(executable, data)], TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exit.Code);
        Assert.Contains(expected, exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", exit.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A service given bad input must not get as far as binding a port or writing next to the tests.</summary>
    private static string[] Settings(string executable, string data) => executable switch
    {
        "netra-auth" => ["--urls=http://127.0.0.1:0", $"--Auth:DataPath={data}-auth.db"],
        "netra-backend" => ["--urls=http://127.0.0.1:0", $"--Backend:DataPath={data}-backend.db"],
        "netra-agent" => ["--urls=http://127.0.0.1:0"],
        _ => [],
    };
}
