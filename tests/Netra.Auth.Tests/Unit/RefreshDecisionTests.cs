using Netra.Auth.Sessions;

namespace Netra.Auth.Tests.Unit;

public class RefreshDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, RefreshTokenRecord?, RefreshVerdict> Cases => new()
    {
        { "unknown token", null, RefreshVerdict.Unknown },
        { "fresh token rotates", Token(expiresIn: 60), RefreshVerdict.Rotate },
        { "expired token", Token(expiresIn: -1), RefreshVerdict.Expired },
        { "expires exactly now", Token(expiresIn: 0), RefreshVerdict.Expired },
        { "used token is reuse", Token(expiresIn: 60, used: true), RefreshVerdict.RevokeFamilyForReuse },
        { "used and expired is still reuse", Token(expiresIn: -60, used: true), RefreshVerdict.RevokeFamilyForReuse },
        { "revoked family, unused token", Token(expiresIn: 60, familyRevoked: true), RefreshVerdict.FamilyRevoked },
        { "revoked family, used token: still reported as reuse", Token(expiresIn: 60, used: true, familyRevoked: true), RefreshVerdict.RevokeFamilyForReuse },
        { "revoked family, expired unused token", Token(expiresIn: -1, familyRevoked: true), RefreshVerdict.FamilyRevoked },
    };

    public static TheoryData<string, RefreshTokenRecord, RefreshVerdict> RetryCases => new()
    {
        { "used 5 s ago, successor unused, within a 10 s grace", Token(expiresIn: 60, used: true) with { RetryAvailable = true }, RefreshVerdict.RotateRetry },
        { "retry already granted", Token(expiresIn: 60, used: true), RefreshVerdict.RevokeFamilyForReuse },
        { "family revoked", Token(expiresIn: 60, used: true, familyRevoked: true) with { RetryAvailable = true }, RefreshVerdict.RevokeFamilyForReuse },
        { "expired", Token(expiresIn: 0, used: true) with { RetryAvailable = true }, RefreshVerdict.RevokeFamilyForReuse },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void Decide_with_a_retry_grace(string description, RefreshTokenRecord token, RefreshVerdict expected)
    {
        Assert.True(expected == RefreshDecision.Decide(token, Now, TimeSpan.FromSeconds(10)), description);
        Assert.True(RefreshDecision.Decide(token, Now, TimeSpan.FromSeconds(4)) != RefreshVerdict.RotateRetry, description + ", grace over");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide(string description, RefreshTokenRecord? token, RefreshVerdict expected) =>
        Assert.True(expected == RefreshDecision.Decide(token, Now), description);

    private static RefreshTokenRecord Token(int expiresIn, bool used = false, bool familyRevoked = false) => new(
        "family",
        "alice",
        Now.AddSeconds(expiresIn),
        used ? Now.AddSeconds(-5) : null,
        familyRevoked ? Now.AddSeconds(-1) : null);
}
