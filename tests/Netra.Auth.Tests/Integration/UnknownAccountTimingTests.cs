using System.Diagnostics;
using System.Net;
using Netra.Auth.Accounts;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

/// <summary>Issue 15 item 9: an unknown username costs what a wrong password costs, whatever cost the configured hashes use.</summary>
public class UnknownAccountTimingTests
{
    // A tenth of the default cost: before the fix the decoy kept the default, so unknown users took ten times longer.
    private const int ConfiguredIterations = SecretHasher.DefaultIterations / 10;

    [Fact]
    public async Task Rejecting_an_unknown_user_takes_about_as_long_as_rejecting_a_wrong_password()
    {
        await using var auth = await AuthHost.StartAsync(
            $"--Auth:DevelopmentSeedHashIterations={ConfiguredIterations}",
            "--Auth:Users:0:Username=erin",
            $"--Auth:Users:0:PasswordHash={SecretHasher.Hash("erin-password", ConfiguredIterations)}",
            "--Auth:LoginThrottling:FailuresPerUsername=1000",
            "--Auth:LoginThrottling:FailuresPerAddress=1000",
            "--Auth:LoginThrottling:AttemptsPerAddress=100000");
        await TimeRejectionAsync(auth, "erin"); // warm-up: JIT and connection
        var known = new List<double>();
        var unknown = new List<double>();

        for (var i = 0; i < 15; i++)
        {
            known.Add(await TimeRejectionAsync(auth, "erin"));
            unknown.Add(await TimeRejectionAsync(auth, $"nobody-{i}"));
        }

        var ratio = Median(unknown) / Median(known);
        Assert.InRange(ratio, 1 / 3.0, 3.0);
    }

    private static async Task<double> TimeRejectionAsync(AuthHost auth, string username)
    {
        var clock = Stopwatch.StartNew();
        using var response = await auth.LoginResponseAsync(username, "wrong-password");
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
