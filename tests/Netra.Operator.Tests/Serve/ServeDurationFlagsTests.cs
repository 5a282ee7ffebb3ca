using System.CommandLine;
using Netra.Operator.Core.Serve;

namespace Netra.Operator.Tests.Serve;

/// <summary>The lease and preflight flags take durations as every other duration of Netra is written (15s, 500ms), and say so when not.</summary>
public sealed class ServeDurationFlagsTests
{
    public static TheoryData<string[], string?> Flags => new()
    {
        { [], null },
        { ["--lease-duration", "4s", "--renew-deadline", "3s", "--retry-period", "500ms"], null },
        { ["--lease-duration", "00:00:15"], "--lease-duration, --renew-deadline and --retry-period take durations such as 15s, 10s and 2s." },
        { ["--retry-period", "0s"], "0 < --retry-period < --renew-deadline < --lease-duration is required." },
        { ["--renew-deadline", "1m"], "0 < --retry-period < --renew-deadline < --lease-duration is required." },
        { ["--probe-preflight-budget", "00:01:00"], "--probe-preflight-budget must be a duration of at least 1s, such as 1m." },
        { ["--probe-preflight-budget", "500ms"], "--probe-preflight-budget must be a duration of at least 1s, such as 1m." },
        { ["--probe-preflight-budget", "90s"], null },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Lease_flags_take_kubernetes_durations(string[] args, string? problem)
    {
        var options = new ServeCommandOptions();
        var command = new Command("serve");
        options.AddTo(command);
        var parsed = command.Parse(args);

        Assert.Equal(problem, options.Problem(parsed));
        if (problem is null)
        {
            Assert.True(options.ToServeOptions(parsed).RetryPeriod < options.ToServeOptions(parsed).RenewDeadline);
        }
    }
}
