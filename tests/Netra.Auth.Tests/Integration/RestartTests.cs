using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class RestartTests
{
    [Fact]
    public async Task Tokens_refresh_families_and_revocations_survive_a_restart()
    {
        var dataPath = AuthHost.NewDataPath();
        string accessToken, refreshToken, revokedToken, revokedRefreshToken, kid;
        await using (var before = await AuthHost.StartWithDataAsync(dataPath))
        {
            var login = await before.LoginAsync("alice");
            using var refreshed = await before.RefreshResponseAsync(login.GetProperty("refresh_token").GetString()!);
            var pair = await AuthHost.ReadOkAsync(refreshed);
            accessToken = pair.GetProperty("access_token").GetString()!;
            refreshToken = pair.GetProperty("refresh_token").GetString()!;
            kid = Jwt.HeaderOf(accessToken).GetProperty("kid").GetString()!;

            var bob = await before.LoginAsync("bob");
            revokedToken = bob.GetProperty("access_token").GetString()!;
            revokedRefreshToken = bob.GetProperty("refresh_token").GetString()!;
            using var logout = await before.LogoutResponseAsync(revokedToken);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await using var after = await AuthHost.StartWithDataAsync(dataPath, RefreshTests.NoRetryGrace);

        Assert.Contains(kid, await after.PublishedKidsAsync());
        var validation = await after.ValidateAsync(accessToken);
        Assert.True(validation.GetProperty("active").GetBoolean());
        Assert.Equal("alice", validation.GetProperty("sub").GetString());
        Assert.True((await (await JwksOnlyValidator.FetchAsync(after.Http)).ValidateAsync(accessToken)).IsValid);

        using var firstUse = await after.RefreshResponseAsync(refreshToken);
        await AuthHost.ReadOkAsync(firstUse);
        using var secondUse = await after.RefreshResponseAsync(refreshToken);
        await Problem.AssertAsync(secondUse, HttpStatusCode.Unauthorized, "refresh_token_reused");

        Assert.Equal("revoked", (await after.ValidateAsync(revokedToken)).GetProperty("reason").GetString());
        using var revokedRefresh = await after.RefreshResponseAsync(revokedRefreshToken);
        await Problem.AssertAsync(revokedRefresh, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task The_data_directory_is_created()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "netra-auth-tests", Guid.NewGuid().ToString("N"), "nested", "deeper", "auth.db");

        await using var auth = await AuthHost.StartWithDataAsync(dataPath);

        Assert.True(File.Exists(dataPath));
        using var ready = await auth.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
