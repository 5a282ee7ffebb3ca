using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Tests;

public sealed class ProbeCredentialsTests
{
    [Fact]
    public void Without_variables_the_development_seed_is_used() =>
        Assert.Equal(ProbeCredentials.DevelopmentSeed, ProbeCredentials.FromEnvironment(_ => null));

    [Fact]
    public void A_pair_of_variables_replaces_that_credential_only()
    {
        var variables = new Dictionary<string, string>
        {
            ["NETRA_PROBES_USER"] = "dana", ["NETRA_PROBES_PASSWORD"] = "s3cret", ["NETRA_PROBES_ALLOWED_HOSTS"] = "auth.example.com",
        };

        var credentials = ProbeCredentials.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(new UserCredential("dana", "s3cret"), credentials.User);
        Assert.Equal(ProbeCredentials.DevelopmentSeed.OtherUser, credentials.OtherUser);
        Assert.Equal(ProbeCredentials.DevelopmentSeed.SpareUser, credentials.SpareUser);
        Assert.Equal(ProbeCredentials.DevelopmentSeed.Client, credentials.Client);
    }

    [Fact]
    public void Half_a_pair_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProbeCredentials.FromEnvironment(name => name == "NETRA_PROBES_CLIENT_ID" ? "probes" : null));

        Assert.Contains("NETRA_PROBES_CLIENT_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_without_the_hosts_their_owner_allows_are_a_clear_error()
    {
        var variables = new Dictionary<string, string> { ["NETRA_PROBES_USER"] = "dana", ["NETRA_PROBES_PASSWORD"] = "s3cret" };

        var error = Assert.Throws<InvalidOperationException>(() => ProbeCredentials.FromEnvironment(variables.GetValueOrDefault));

        Assert.Contains("NETRA_PROBES_ALLOWED_HOSTS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> Hosts => new()
    {
        { "*.prod.svc.cluster.local", "netra-auth.prod.svc.cluster.local", true },
        { "*.prod.svc.cluster.local", "collector.attacker.svc.cluster.local", false },
        { "*.prod.svc.cluster.local", "prod.svc.cluster.local.attacker.example", false },
        { "auth.example.com, backend.example.com", "backend.example.com", true },
        { "auth.example.com", "auth.example.com.attacker.example", false },
        { "", "auth.example.com", false },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Credentials_go_only_to_the_hosts_the_secrets_owner_lists(string list, string host, bool allowed)
    {
        var refusal = CredentialHosts.Refusal(CredentialHosts.Parse(list), [("authUrl", new Uri($"http://{host}:8080"))]);

        Assert.Equal(allowed, refusal is null);
        Assert.True(allowed || refusal!.Contains("nothing was sent", StringComparison.Ordinal), refusal);
    }
}
