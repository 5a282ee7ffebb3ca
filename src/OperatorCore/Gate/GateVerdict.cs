using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The gate's answer about one TestRun, as an Argo Rollouts AnalysisTemplate reads it with <c>jsonPath</c>
/// (<c>result.verdict == "Passed"</c>) and as Flagger shows it in its Events when the answer is not 2xx.
/// Names in <c>snake_case</c>, as everything Netra writes for programs (docs/contract.md).
/// </summary>
public sealed record GateVerdict
{
    /// <summary>Passed, Failed or InProgress: <see cref="Verdicts"/>.</summary>
    [JsonPropertyName("verdict")]
    public required string Verdict { get; init; }

    /// <summary>True once the run succeeded; false while it runs and when it failed.</summary>
    [JsonPropertyName("passed")]
    public bool Passed { get; init; }

    /// <summary>True once the run failed; false while it runs and when it passed.</summary>
    [JsonPropertyName("failed")]
    public bool Failed { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    /// <summary>The TestRun; null while a schedule has no run for the revision asked about.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The TestRun's phase, Pending before the operator wrote any, NotStarted while there is no run.</summary>
    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    /// <summary>The run's <c>spec.revision</c>: what it tested.</summary>
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    /// <summary>Scenarios that failed or did not run, in the order of the run's status.</summary>
    [JsonPropertyName("failed_scenarios")]
    public IReadOnlyList<string> FailedScenarios { get; init; } = [];

    /// <summary>
    /// Scenarios of a finished run that failed but were quarantined (<c>spec.quarantine</c>): they did not fail it, and
    /// are not in <see cref="FailedScenarios"/>.
    /// </summary>
    [JsonPropertyName("quarantined_scenarios")]
    public IReadOnlyList<string> QuarantinedScenarios { get; init; } = [];

    /// <summary>The run's Finished (or, while it runs, Ready) condition message.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    /// <summary>Where the full report is: the report URL given to the operator, else the command that fetches it.</summary>
    [JsonPropertyName("report")]
    public string? Report { get; init; }
}

/// <summary>The values of <see cref="GateVerdict.Verdict"/>.</summary>
public static class Verdicts
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string InProgress = "InProgress";
}
