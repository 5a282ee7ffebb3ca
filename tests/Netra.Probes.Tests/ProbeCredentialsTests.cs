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
        var variables = new Dictionary<string, string> { ["NETRA_PROBES_USER"] = "dana", ["NETRA_PROBES_PASSWORD"] = "s3cret" };

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
}
