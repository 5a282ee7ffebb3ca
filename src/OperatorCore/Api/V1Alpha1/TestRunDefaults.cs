using Netra.Probes.Contract;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// The spec's defaults. The CRD schema fills the same ones at apply (a test keeps the two equal);
/// the local run, which has no API server, gets them here, as does any run whose fields are absent.
/// </summary>
public static class TestRunDefaults
{
    public const string Mode = EnvironmentModes.Ephemeral;
    public const int Parallelism = 1;
    public const string Timeout = "15m";
    public const int Retries = 0;
    public const string CleanupPolicy = CleanupPolicies.Always;
    public const int TtlSecondsAfterFinished = 0;

    public static IReadOnlyList<string> Scenarios => ScenarioNames.All;

    /// <summary>The spec with what is absent filled in; the spec itself is left as it is.</summary>
    public static ResolvedSpec Resolve(TestRunSpec spec)
    {
        var mode = spec.Environment.Mode ?? Mode;
        return new ResolvedSpec(
            mode,
            spec.Scenarios is { Count: > 0 } scenarios ? [.. scenarios] : Scenarios,
            spec.Parallelism ?? Parallelism,
            spec.Timeout ?? Timeout,
            spec.Retries ?? Retries,
            spec.Cleanup?.Policy ?? CleanupPolicy,
            spec.Cleanup?.TtlSecondsAfterFinished ?? TtlSecondsAfterFinished,
            spec.Profile ?? ProfileFor(mode),
            spec.TtlSecondsAfterFinished,
            spec.Environment.Endpoints,
            spec.Environment.CredentialsSecretRef?.Name,
            spec.Environment.Charts,
            spec.Probe,
            spec.Quarantine is { } quarantine ? [.. quarantine] : []);
    }

    /// <summary>Existing services are someone's real ones: the safe profile unless the spec asks for more.</summary>
    public static string ProfileFor(string mode) => mode == EnvironmentModes.Existing ? Profiles.Safe : Profiles.Full;
}
