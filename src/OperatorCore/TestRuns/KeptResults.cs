namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// What a run's results ConfigMap keeps (<see cref="ChildNames.ResultsConfigMap"/>): the probes' report as they sent it
/// (JSON, with every retried attempt) and a failed deploy's evidence; either may be absent, not both.
/// </summary>
public sealed record KeptResults(string? Report, string? DeployEvidence);
