using System.Text.Json.Serialization;
using Netra.Auth.Tokens;

namespace Netra.Auth.Validation;

public sealed record ValidateRequest(string? Token, string? Audience);

/// <summary>
/// RFC 7662 in spirit: <c>{active:true, sub, aud, exp, scope, jti}</c> or <c>{active:false, reason}</c>.
/// <c>exp</c> is a NumericDate as in the token; <c>expires_at</c> is the same instant in RFC 3339.
/// </summary>
public sealed record ValidateResponse(
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Aud = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Exp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Jti = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    public static ValidateResponse From(TokenCheck check) => check.Active
        ? new ValidateResponse(
            true,
            check.Subject,
            check.Audience,
            check.ExpiresAt!.Value.ToUnixTimeSeconds(),
            check.ExpiresAt,
            check.Scope,
            check.Jti)
        : new ValidateResponse(false, Reason: check.Reason);
}
