using Prometheus;

namespace Netra.Auth.Observability;

/// <summary>The service's own counters, in its per-app registry. Labels are closed sets: never a token or a name.</summary>
public sealed class AuthMetrics(IMetricFactory factory)
{
    /// <summary>Label <c>grant</c>: password, refresh_token or client_credentials.</summary>
    public Counter TokensIssued { get; } = factory.CreateCounter(
        "netra_auth_tokens_issued_total", "Access tokens issued, by grant.", ["grant"]);

    /// <summary>Label <c>result</c>: active, or the reason the token is inactive.</summary>
    public Counter Validations { get; } = factory.CreateCounter(
        "netra_auth_validations_total", "Access token validations, by result.", ["result"]);

    public Counter RefreshReuseDetections { get; } = factory.CreateCounter(
        "netra_auth_refresh_reuse_detected_total", "Rotated refresh tokens presented again (their family was revoked).");

    /// <summary>Label <c>limit</c>: username_failures, address_failures or address_attempts.</summary>
    public Counter LoginThrottles { get; } = factory.CreateCounter(
        "netra_auth_login_throttled_total", "Login attempts refused by throttling, by limit.", ["limit"]);
}
