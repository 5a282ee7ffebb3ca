using Netra.Probes.Contract;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// The spec's defaults. The CRD schema fills the same ones at apply (a test keeps the two equal);
/// the local run, which has no API server, fills them here.
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

    /// <summary>Fills what is absent, in place, and returns the same spec.</summary>
    public static TestRunSpec Apply(TestRunSpec spec)
    {
        spec.Environment.Mode ??= Mode;
        spec.Scenarios = spec.Scenarios is { Count: > 0 } ? spec.Scenarios : [.. Scenarios];
        spec.Parallelism ??= Parallelism;
        spec.Timeout ??= Timeout;
        spec.Retries ??= Retries;
        spec.Cleanup ??= new CleanupSpec();
        spec.Cleanup.Policy ??= CleanupPolicy;
        spec.Cleanup.TtlSecondsAfterFinished ??= TtlSecondsAfterFinished;
        return spec;
    }
}
