using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Netra.Backend.Auth;

/// <summary>The bearer token of a WebSocket upgrade request, from the Authorization header or the subprotocol pair.</summary>
public static class UpgradeCredentials
{
    public const string Subprotocol = "netra.v1";
    private const string BearerSubprotocolPrefix = "bearer.";

    /// <summary>The token, and whether the client asked for the <c>netra.v1</c> subprotocol.</summary>
    public static (string? Token, bool WantsSubprotocol) Read(HttpRequest request, IList<string> requestedSubprotocols)
    {
        var wantsSubprotocol = requestedSubprotocols.Contains(Subprotocol, StringComparer.Ordinal);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return (token.Length > 0 ? token : null, wantsSubprotocol);
        }

        var fromSubprotocol = requestedSubprotocols
            .FirstOrDefault(protocol => protocol.StartsWith(BearerSubprotocolPrefix, StringComparison.Ordinal));
        return fromSubprotocol is not null && wantsSubprotocol && fromSubprotocol.Length > BearerSubprotocolPrefix.Length
            ? (fromSubprotocol[BearerSubprotocolPrefix.Length..], wantsSubprotocol)
            : (null, wantsSubprotocol);
    }

    /// <summary>
    /// Drops the upgrade request's copy of the token once the connection is accepted: the request lives as long as the
    /// connection, and <see cref="ConnectionAuth"/> keeps the one copy the re-check needs.
    /// </summary>
    public static void Forget(HttpRequest request)
    {
        request.Headers.Remove(HeaderNames.Authorization);
        request.Headers.Remove(HeaderNames.SecWebSocketProtocol);
    }
}
