namespace Netra.Auth.Tokens;

/// <summary>The stable <c>reason</c> values of an inactive token (also the <c>result</c> label of the validation counter).</summary>
public static class InactiveReasons
{
    public const string Malformed = "malformed";
    public const string TokenTooLarge = "token_too_large";
    public const string ForbiddenHeader = "forbidden_header";
    public const string UnknownKey = "unknown_key";
    public const string InvalidSignature = "invalid_signature";
    public const string InvalidAlgorithm = "invalid_algorithm";
    public const string InvalidType = "invalid_type";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string MissingExpiration = "missing_expiration";
    public const string InvalidLifetime = "invalid_lifetime";
    public const string InvalidIssuer = "invalid_issuer";
    public const string InvalidAudience = "invalid_audience";
    public const string Revoked = "revoked";
    public const string Invalid = "invalid_token";
}
