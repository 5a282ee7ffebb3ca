using Netra.Testing;

namespace Netra.Auth.Tests.Integration;

/// <summary>netra-auth run as a user runs it, with a setting it cannot use: one line naming the setting, exit 1.</summary>
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("--Auth:AccessTokenLifetime=soon", "netra-auth: Auth:AccessTokenLifetime is not a time span such as 00:15:00.")]
    [InlineData("--Auth:MaxTokenLength=big", "netra-auth: Auth:MaxTokenLength is not a whole number.")]
    [InlineData("--Serilog:MinimumLevel:Default=Chatty", "netra-auth: Serilog:MinimumLevel:Default is not a log level: Trace, Debug")]
    [InlineData("--Auth:PublicUrl=relative/path", "netra-auth: Auth:PublicUrl must be an absolute URL")]
    [InlineData("--Auth:Users:0:Username=bob", "netra-auth: Auth:Users: user 'bob' needs a username and a PasswordHash")]
    public async Task A_setting_the_service_cannot_use_is_named_in_one_line_without_dotnet_inside(string setting, string expected)
    {
        var exit = await CommandProcess.RunAsync(
            "netra-auth",
            ["--urls=http://127.0.0.1:0", $"--Auth:DataPath={Path.Combine(Path.GetTempPath(), $"netra-auth-{Guid.NewGuid():N}.db")}", setting],
            TimeSpan.FromMinutes(1));

        Assert.Equal(1, exit.Code);
        Assert.StartsWith(expected, exit.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exit.Stderr, StringComparison.Ordinal);
    }
}
