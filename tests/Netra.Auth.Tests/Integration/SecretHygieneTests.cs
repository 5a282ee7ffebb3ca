using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class SecretHygieneTests
{
    [Fact]
    public async Task Logs_never_contain_tokens_passwords_or_secrets()
    {
        var logPath = Path.Combine(Path.GetTempPath(), "netra-auth-tests", Guid.NewGuid().ToString("N"), "auth.log");
        var secrets = new List<string> { "alice-dev-password", "wrong-password-7f3a", "netra-backend-dev-secret", "wrong-secret-91c2" };
        await using (var auth = await AuthHost.StartAsync(
            RefreshTests.NoRetryGrace,
            "--Serilog:MinimumLevel:Default=Trace",
            "--Serilog:WriteTo:0:Name=File",
            $"--Serilog:WriteTo:0:Args:path={logPath}"))
        {
            var pair = await auth.LoginAsync("alice");
            secrets.Add(pair.GetProperty("access_token").GetString()!);
            secrets.Add(pair.GetProperty("refresh_token").GetString()!);
            using var failed = await auth.LoginResponseAsync("alice", "wrong-password-7f3a");
            using var refreshed = await auth.RefreshResponseAsync(pair.GetProperty("refresh_token").GetString()!);
            var rotated = await AuthHost.ReadOkAsync(refreshed);
            secrets.Add(rotated.GetProperty("access_token").GetString()!);
            secrets.Add(rotated.GetProperty("refresh_token").GetString()!);
            using var reuse = await auth.RefreshResponseAsync(pair.GetProperty("refresh_token").GetString()!);
            Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
            var service = await auth.ClientTokenAsync("netra-backend", "netra-agent");
            secrets.Add(service.GetProperty("access_token").GetString()!);
            using var badClient = await auth.PostJsonAsync("/v1/auth/token", new { grant_type = "client_credentials", client_id = "netra-backend", client_secret = "wrong-secret-91c2", audience = "netra-agent" });
            await auth.ValidateAsync(rotated.GetProperty("access_token").GetString()!);
            using var logout = await auth.LogoutResponseAsync(service.GetProperty("access_token").GetString()!);
            using var malformed = await auth.Http.PostAsync("/v1/auth/login", new StringContent("{\"username\":\"alice\",\"password\":\"alice-dev-password", System.Text.Encoding.UTF8, "application/json"));
        }

        var log = await File.ReadAllTextAsync(logPath);
        Assert.Contains("Refresh token reuse detected", log, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }

        Directory.Delete(Path.GetDirectoryName(logPath)!, recursive: true);
    }
}
