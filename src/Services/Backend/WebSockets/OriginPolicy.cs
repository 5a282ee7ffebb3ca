using Microsoft.Extensions.Options;

namespace Netra.Backend.WebSockets;

/// <summary>
/// The Origin allow-list of <c>/ws</c>. Browsers always send Origin; a request without one is not from a browser
/// (no cross-site risk) and is allowed.
/// </summary>
public sealed class OriginPolicy(IOptions<BackendOptions> options)
{
    public bool IsAllowed(string? origin) =>
        string.IsNullOrEmpty(origin)
        || options.Value.AllowedOrigins.Any(allowed => string.Equals(
            allowed.TrimEnd('/'),
            origin.TrimEnd('/'),
            StringComparison.OrdinalIgnoreCase));
}
