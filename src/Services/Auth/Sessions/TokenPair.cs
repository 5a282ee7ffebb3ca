using Netra.Auth.Tokens;

namespace Netra.Auth.Sessions;

public sealed record TokenPair(IssuedAccessToken Access, string RefreshToken);

/// <summary>The outcome of a refresh: a new pair on rotation, otherwise only the verdict.</summary>
public sealed record RefreshResult(RefreshVerdict Verdict, TokenPair? Pair);
