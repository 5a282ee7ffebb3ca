using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Netra.Agent.Auth;

/// <summary>
/// Honours revocation through the auth service's <c>/v1/auth/validate</c>. A positive answer may be
/// reused for <see cref="ServiceTokenOptions.RevocationCacheDuration"/> per <c>jti</c> (never past <c>exp</c>); requests
/// presenting one token at once share its calls (<see cref="IntrospectionBatches"/>).
/// </summary>
public sealed class RevocationCheck(AuthServiceClient authService, IOptions<ServiceTokenOptions> options, TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _activeUntil = new(StringComparer.Ordinal);
    private readonly IntrospectionBatches _introspection = new(
        token => authService.IsActiveAsync(token, options.Value.Audience, CancellationToken.None));

    public async Task<bool> IsActiveAsync(string token, string jti, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var cacheFor = options.Value.RevocationCacheDuration;
        var now = time.GetUtcNow();
        if (cacheFor > TimeSpan.Zero && _activeUntil.TryGetValue(jti, out var until) && until > now)
        {
            return true;
        }

        var active = await _introspection.IsActiveAsync(token, cancellationToken);
        if (active && cacheFor > TimeSpan.Zero)
        {
            if (_activeUntil.Count > PruneThreshold)
            {
                Prune(now);
            }

            _activeUntil[jti] = now + cacheFor < expires ? now + cacheFor : expires;
        }

        return active;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (jti, until) in _activeUntil)
        {
            if (until <= now)
            {
                _activeUntil.TryRemove(jti, out _);
            }
        }
    }
}
