using Netra.Probes.Contract;
namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// A spec with every default filled in, nothing nullable that a run needs: what the controller
/// decides from. Made by <see cref="TestRunDefaults.Resolve"/> without touching the TestRun it came from.
/// </summary>
public sealed record ResolvedSpec(
    string Mode,
    IReadOnlyList<string> Scenarios,
    int Parallelism,
    string Timeout,
    int Retries,
    string CleanupPolicy,
    int CleanupTtlSeconds,
    string Profile,
    int? TtlSecondsAfterFinished,
    EndpointsSpec? Endpoints,
    string? CredentialsSecret,
    ChartsSpec? Charts,
    ProbeSpec? Probe,
    IReadOnlyList<QuarantineEntry> Quarantine)
{
    public bool Ephemeral => Mode == EnvironmentModes.Ephemeral;

    /// <summary>How often a scenario may run: once, then once per retry.</summary>
    public int MaxAttempts => 1 + Retries;

    /// <summary>Where a scenario stands in <see cref="Scenarios"/>: its probe Jobs are numbered by it.</summary>
    public int ScenarioIndex(string scenario) => Scenarios.TakeWhile(s => s != scenario).Count();

    /// <summary>The run's deadline; an unreadable timeout (which validation reports) counts as the default.</summary>
    public TimeSpan TimeoutSpan => GoDuration.TryParse(Timeout, out var timeout) ? timeout : GoDuration.Parse(TestRunDefaults.Timeout);
}
