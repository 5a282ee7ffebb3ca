using Netra.Bench;

namespace Netra.Auth.Bench;

/// <summary>The auth bench's figures for <c>bench/run.sh</c>: per core, beside the bare library's rate.</summary>
public static class AuthFigures
{
    /// <summary>The goal: the service validates at least this share of what the bare library does per core.</summary>
    private const double ValidationShareGoal = 0.9;

    public static IReadOnlyList<Figure> Create(
        BenchResult issue, BenchResult bareSigning, BenchResult service, BenchResult bare, IReadOnlyList<BenchResult> algorithms)
    {
        double PerCore(string name) => algorithms.Single(r => r.Name == name).PerCpuSecond;
        var rsVerify = PerCore(AlgorithmComparison.VerifyName("RS256"));
        var esVerify = PerCore(AlgorithmComparison.VerifyName("ES256"));
        var advice = rsVerify >= esVerify
            ? $"use RS256: every relying party verifies every request, and RS256 verifies {rsVerify / esVerify:0.0}x faster"
            : $"use ES256: it verifies {esVerify / rsVerify:0.0}x faster than RS256 here";
        return
        [
            new Figure("JWT validation per core (service)", service.PerCpuSecond, "ops/cpu-s", "higher",
                Goal: ValidationShareGoal * bare.PerCpuSecond, Limit: bare.PerCpuSecond, LimitName: "bare JsonWebTokenHandler"),
            new Figure("JWT issue per core (service)", issue.PerCpuSecond, "ops/cpu-s", "higher",
                Limit: bareSigning.PerCpuSecond, LimitName: "bare handler signing, same key"),
            new Figure("RS256 sign per core (bare)", PerCore(AlgorithmComparison.SignName("RS256")), "ops/cpu-s", "higher"),
            new Figure("ES256 sign per core (bare)", PerCore(AlgorithmComparison.SignName("ES256")), "ops/cpu-s", "higher"),
            new Figure("RS256 verify per core (bare)", rsVerify, "ops/cpu-s", "higher"),
            new Figure("ES256 verify per core (bare)", esVerify, "ops/cpu-s", "higher", Note: advice),
        ];
    }
}
