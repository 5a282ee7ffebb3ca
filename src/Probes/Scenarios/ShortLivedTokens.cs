using Netra.Probes.Clients;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Cases that watch a token expire need the auth service to issue short-lived ones.</summary>
public static class ShortLivedTokens
{
    public const int MaxLifetimeSeconds = 20;

    public static void Require(TokenPair tokens)
    {
        if (tokens.ExpiresIn > MaxLifetimeSeconds)
        {
            throw Expect.Skip($"tokens live {tokens.ExpiresIn} s here; watching one expire needs Auth:AccessTokenLifetime of at most {MaxLifetimeSeconds} s");
        }
    }
}
