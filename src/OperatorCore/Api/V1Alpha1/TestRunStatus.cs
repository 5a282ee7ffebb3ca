using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What happened, following Kubernetes API conventions and kstatus (Argo CD and Flux read it).</summary>
public sealed record TestRunStatus
{
    /// <summary>Pending, Deploying (Ephemeral only), Probing, then Succeeded or Failed.</summary>
    [AllowedValues(Phases.Pending, Phases.Deploying, Phases.Probing, Phases.Succeeded, Phases.Failed)]
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>The generation of the spec the current run started with; a finished run whose spec changed since runs again.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Which run of this TestRun the status is about, 1 then one more for each re-run.</summary>
    [JsonPropertyName("run")]
    public int? Run { get; init; }

    /// <summary>
    /// The value of the netra.io/rerun annotation the current run started with; a new value runs a finished TestRun again.
    /// </summary>
    [JsonPropertyName("rerun")]
    public string? Rerun { get; init; }

    /// <summary>Ready, Reconciling, Stalled, Succeeded (kstatus) and Finished, each with a reason and a message.</summary>
    [ListMap("type")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<TestRunCondition> Conditions { get; init; } = [];

    /// <summary>When the operator started the run.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When the run finished, whatever the outcome.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>Wall time of the run, for people (e.g. 42s).</summary>
    /// <remarks>The printer column shows it.</remarks>
    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    /// <summary>Cases counted over every scenario of the run.</summary>
    [JsonPropertyName("summary")]
    public TestSummary? Summary { get; init; }

    /// <summary>One entry per scenario, with its counts and its failures.</summary>
    [JsonPropertyName("scenarios")]
    public IReadOnlyList<ScenarioStatus> Scenarios { get; init; } = [];

    /// <summary>The environment the run used.</summary>
    [JsonPropertyName("environment")]
    public EnvironmentStatus? Environment { get; init; }

    /// <summary>What the run tested (revision, images, charts, values), recorded as it finished.</summary>
    [JsonPropertyName("tested")]
    public TestedStatus? Tested { get; init; }

    /// <summary>The last 5 earlier results, newest first, kept when the TestRun runs again.</summary>
    [MaxItems(5)]
    [JsonPropertyName("history")]
    public IReadOnlyList<RunRecord> History { get; init; } = [];
}

/// <summary>How an earlier run of the same TestRun ended.</summary>
public sealed record RunRecord
{
    /// <summary>Which run it was.</summary>
    [JsonPropertyName("run")]
    public int Run { get; init; }

    /// <summary>Succeeded or Failed.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>How that run ended, e.g. TestsFailed.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>That run's case counts (total, passed, failed, skipped).</summary>
    [JsonPropertyName("summary")]
    public TestSummary? Summary { get; init; }

    /// <summary>When that run started.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When that run finished.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }
}

/// <summary>A condition as <c>metav1.Condition</c> shapes it.</summary>
public sealed record TestRunCondition
{
    /// <summary>The condition's name, e.g. Ready.</summary>
    [Required]
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    [Required]
    [AllowedValues(ConditionStatuses.True, ConditionStatuses.False, ConditionStatuses.Unknown)]
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Why, in one CamelCase word (e.g. TestsFailed); see docs/testrun-reference.md.</summary>
    [Required]
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>What happened, for people.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    /// <summary>The spec generation the condition was set for.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>When the status last changed.</summary>
    [Required]
    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset LastTransitionTime { get; init; }
}

/// <summary>Cases counted over every scenario of the run.</summary>
public sealed record TestSummary
{
    /// <summary>Cases run.</summary>
    [JsonPropertyName("total")]
    public int Total { get; init; }

    /// <summary>Cases that passed.</summary>
    [JsonPropertyName("passed")]
    public int Passed { get; init; }

    /// <summary>Cases that failed.</summary>
    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    /// <summary>Cases that could not run because something they need failed (JUnit's errors).</summary>
    [JsonPropertyName("errors")]
    public int Errors { get; init; }

    /// <summary>Cases skipped (e.g. needing fault injection the services lack).</summary>
    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }
}

/// <summary>One scenario's outcome; failed cases carry their messages (bounded, so the object stays small).</summary>
public sealed record ScenarioStatus
{
    /// <summary>The scenario's name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>
    /// Passed, Flaky (failed, then passed on a retry; it does not fail the run), Failed, Skipped, or NotRun when the run
    /// ended before the scenario finished.
    /// </summary>
    [Required]
    [AllowedValues(ScenarioResults.Passed, ScenarioResults.Flaky, ScenarioResults.Failed, ScenarioResults.Skipped, ScenarioResults.NotRun)]
    [JsonPropertyName("result")]
    public required string Result { get; init; }

    /// <summary>Cases that passed.</summary>
    [JsonPropertyName("passed")]
    public int Passed { get; init; }

    /// <summary>Cases that failed.</summary>
    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    /// <summary>Cases that could not run because something they need failed (JUnit's errors).</summary>
    [JsonPropertyName("errors")]
    public int Errors { get; init; }

    /// <summary>Cases skipped.</summary>
    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }

    /// <summary>Wall time of the scenario in milliseconds.</summary>
    [JsonPropertyName("durationMs")]
    public long DurationMs { get; init; }

    /// <summary>Times the scenario ran (1 plus the retries it used).</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// True when an entry of spec.quarantine still in force as the run finished names it: its failure does not fail the run.
    /// </summary>
    [JsonPropertyName("quarantined")]
    public bool? Quarantined { get; init; }

    /// <summary>The failed cases, at most 20.</summary>
    [MaxItems(20)]
    [JsonPropertyName("failures")]
    public IReadOnlyList<CaseFailure> Failures { get; init; } = [];
}

public sealed record CaseFailure
{
    /// <summary>The case's id.</summary>
    [Required]
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Why it failed, at most 512 characters.</summary>
    [StringLength(512)]
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

public sealed record EnvironmentStatus
{
    /// <summary>The Ephemeral run's namespace (netra-run-&lt;uid prefix&gt;).</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>
    /// NotStarted, Deploying, Deployed, Failed, External (Existing mode), Removing (the namespace is being deleted) or
    /// Removed (it is gone).
    /// </summary>
    [AllowedValues(
        "NotStarted", DeployStates.Deploying, DeployStates.Deployed, DeployStates.Failed, DeployStates.External,
        DeployStates.Removing, DeployStates.Removed)]
    [JsonPropertyName("deployState")]
    public string? DeployState { get; init; }
}
