namespace Netra.Auth.Discovery;

/// <summary>One RSA public key of the JWKS (RFC 7517).</summary>
public sealed record JsonWebKeyDocument(string Kty, string Use, string Alg, string Kid, string N, string E);

public sealed record JsonWebKeySetDocument(IReadOnlyList<JsonWebKeyDocument> Keys);

/// <summary>The OpenID Provider Metadata subset that applies, plus the Netra session endpoints.</summary>
public sealed record OpenIdConfigurationDocument(
    string Issuer,
    Uri JwksUri,
    Uri TokenEndpoint,
    Uri IntrospectionEndpoint,
    Uri LoginEndpoint,
    Uri RefreshEndpoint,
    Uri LogoutEndpoint,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> SubjectTypesSupported);
