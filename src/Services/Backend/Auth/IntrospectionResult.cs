namespace Netra.Backend.Auth;

/// <summary>What <c>POST /v1/auth/validate</c> said about a token.</summary>
public enum IntrospectionResult
{
    Active,
    Inactive,
    Unreachable,
}
