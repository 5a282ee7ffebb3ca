using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What happened, following Kubernetes API conventions and kstatus (Argo CD and Flux read it).</summary>
public sealed record TestRunStatus
{
    /// <summary>Pending, Deploying, Probing, Succeeded or Failed.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>The generation of the spec the current run started with; a finished run whose spec changed since runs again.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Which run of this TestRun the status is about: 1, then one more for each re-run.</summary>
    [JsonPropertyName("run")]
    public int? Run { get; init; }

    /// <summary>The value of the <c>netra.io/rerun</c> annotation the current run started with.</summary>
    [JsonPropertyName("rerun")]
    public string? Rerun { get; init; }

    /// <summary>The results of earlier runs, newest first, at most <c>5</c>.</summary>
    [JsonPropertyName("history")]
    public IReadOnlyList<RunRecord> History { get; init; } = [];

    [JsonPropertyName("conditions")]
    public IReadOnlyList<TestRunCondition> Conditions { get; init; } = [];

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>Wall time of the run for people (<c>42s</c>, <c>3m7s</c>); the printer column shows it.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    [JsonPropertyName("summary")]
    public TestSummary? Summary { get; init; }

    [JsonPropertyName("scenarios")]
    public IReadOnlyList<ScenarioStatus> Scenarios { get; init; } = [];

    [JsonPropertyName("environment")]
    public EnvironmentStatus? Environment { get; init; }
}

/// <summary>How an earlier run of the same TestRun ended.</summary>
public sealed record RunRecord
{
    [JsonPropertyName("run")]
    public int Run { get; init; }

    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("summary")]
    public TestSummary? Summary { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }
}

/// <summary>A condition as <c>metav1.Condition</c> shapes it.</summary>
public sealed record TestRunCondition
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>"True", "False" or "Unknown".</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    /// <summary>The generation of the spec the condition was set for.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset LastTransitionTime { get; init; }
}

public sealed record TestSummary
{
    [JsonPropertyName("total")]
    public int Total { get; init; }

    [JsonPropertyName("passed")]
    public int Passed { get; init; }

    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }
}

/// <summary>One scenario's outcome; failed cases carry their messages (bounded, so the object stays small).</summary>
public sealed record ScenarioStatus
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Passed, Failed, Skipped or NotRun (<see cref="ScenarioResults"/>).</summary>
    [JsonPropertyName("result")]
    public required string Result { get; init; }

    [JsonPropertyName("passed")]
    public int Passed { get; init; }

    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }

    [JsonPropertyName("durationMs")]
    public long DurationMs { get; init; }

    [JsonPropertyName("attempts")]
    public int Attempts { get; init; } = 1;

    [JsonPropertyName("failures")]
    public IReadOnlyList<CaseFailure> Failures { get; init; } = [];
}

public sealed record CaseFailure
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

public sealed record EnvironmentStatus
{
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>Deploying, Deployed, Failed, Removing, Removed or External (<see cref="DeployStates"/>).</summary>
    [JsonPropertyName("deployState")]
    public string? DeployState { get; init; }
}
