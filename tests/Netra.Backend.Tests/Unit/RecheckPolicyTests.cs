using Netra.Backend.Auth;

namespace Netra.Backend.Tests.Unit;

public sealed class RecheckPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, IntrospectionResult.Active, RecheckOutcome.KeepOpen)]
    [InlineData(60, IntrospectionResult.Inactive, RecheckOutcome.Revoked)]
    [InlineData(60, IntrospectionResult.Unreachable, RecheckOutcome.KeepOpen)]
    [InlineData(0, IntrospectionResult.Active, RecheckOutcome.Expired)]
    [InlineData(-1, IntrospectionResult.Active, RecheckOutcome.Expired)]
    [InlineData(-1, IntrospectionResult.Inactive, RecheckOutcome.Expired)]
    [InlineData(-1, IntrospectionResult.Unreachable, RecheckOutcome.Expired)]
    public void Expiry_wins_then_revocation(int secondsUntilExpiry, IntrospectionResult introspection, RecheckOutcome expected) =>
        Assert.Equal(expected, RecheckPolicy.Decide(Now.AddSeconds(secondsUntilExpiry), Now, introspection));

    [Theory]
    [InlineData("alice", TokenStatus.Valid, "alice", true)]
    [InlineData("alice", TokenStatus.Valid, "bob", false)]
    [InlineData("alice", TokenStatus.Revoked, "alice", false)]
    [InlineData("alice", TokenStatus.Invalid, null, false)]
    [InlineData("alice", TokenStatus.AuthUnavailable, "alice", false)]
    public void A_refresh_must_be_a_valid_token_of_the_same_user(string connectionUser, TokenStatus status, string? tokenUser, bool accepted)
    {
        var identity = tokenUser is null ? null : new UserIdentity(tokenUser, Now.AddMinutes(5));

        Assert.Equal(accepted, RecheckPolicy.AcceptsRefresh(connectionUser, new TokenCheck(status, identity, "test")));
    }
}
