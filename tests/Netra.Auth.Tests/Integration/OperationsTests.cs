using System.Net;
using Microsoft.Data.Sqlite;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class OperationsTests
{
    [Fact]
    public async Task Health_and_readiness_answer_when_the_store_is_up()
    {
        await using var auth = await AuthHost.StartAsync();

        using var health = await auth.Http.GetAsync("/healthz");
        using var ready = await auth.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_fails_when_the_store_does_not_answer()
    {
        var dataPath = AuthHost.NewDataPath();
        await using var auth = await AuthHost.StartWithDataAsync(dataPath);
        await using (var connection = new SqliteConnection($"Data Source={dataPath}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE signing_keys";
            await drop.ExecuteNonQueryAsync();
        }

        using var ready = await auth.Http.GetAsync("/readyz");
        using var health = await auth.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_issues_and_validations_by_result_without_secrets()
    {
        await using var auth = await AuthHost.StartAsync();
        var pair = await auth.LoginAsync("alice");
        var token = pair.GetProperty("access_token").GetString()!;
        await auth.ClientTokenAsync("netra-backend", "netra-agent");
        await auth.ValidateAsync(token);
        await auth.ValidateAsync(token);
        await auth.ValidateAsync("garbage");

        var metrics = await auth.MetricsAsync();

        Assert.Contains("netra_auth_tokens_issued_total{grant=\"password\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_auth_tokens_issued_total{grant=\"client_credentials\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_auth_validations_total{result=\"active\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_auth_validations_total{result=\"malformed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_auth_refresh_reuse_detected_total 0", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(token, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(pair.GetProperty("refresh_token").GetString()!, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_service_from_starting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AuthHost.StartAsync(
            "--Auth:SigningKeyRotationInterval=00:00:01",
            "--Auth:SigningKeyPublishLead=00:00:05"));

        Assert.Contains("Auth:SigningKeyPublishLead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_client_with_a_plain_text_secret_is_refused_without_echoing_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AuthHost.StartAsync(
            "--environment=Production",
            "--Auth:Clients:0:ClientId=netra-backend",
            "--Auth:Clients:0:SecretHash=plain-text-secret"));

        Assert.Contains("netra-backend", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-text-secret", error.ToString(), StringComparison.Ordinal);
    }
}
