namespace Netra.Auth.Accounts;

/// <summary>A service client and the scope it gets for each audience it may ask for.</summary>
public sealed record ServiceClient(string ClientId, string SecretHash, IReadOnlyDictionary<string, string> ScopeByAudience);
