using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What the schedule did last, what runs now, and how the latest runs went.</summary>
public sealed record TestRunScheduleStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<TestRunCondition> Conditions { get; init; } = [];

    /// <summary>The last cron occurrence the schedule acted on.</summary>
    [JsonPropertyName("lastScheduleTime")]
    public DateTimeOffset? LastScheduleTime { get; init; }

    /// <summary>What started the newest run.</summary>
    [JsonPropertyName("lastTrigger")]
    public RunTrigger? LastTrigger { get; init; }

    /// <summary>Fired while a run was active under Forbid: starts once none is.</summary>
    [JsonPropertyName("queuedTrigger")]
    public RunTrigger? QueuedTrigger { get; init; }

    /// <summary>Rollouts seen complete and waiting for the settle time.</summary>
    [JsonPropertyName("pendingRollouts")]
    public PendingRollouts? PendingRollouts { get; init; }

    /// <summary>The revision of every watched workload the schedule has accounted for.</summary>
    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];

    /// <summary>Names of the runs not finished yet.</summary>
    [JsonPropertyName("active")]
    public IReadOnlyList<string> Active { get; init; } = [];

    /// <summary>The latest finished runs, newest first.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyList<ScheduledRunResult> Results { get; init; } = [];

    /// <summary>Percent of <see cref="Results"/> that succeeded.</summary>
    [JsonPropertyName("passRate")]
    public int? PassRate { get; init; }

    /// <summary>Scenarios of <see cref="Results"/> that flipped at least once.</summary>
    [JsonPropertyName("scenarios")]
    public IReadOnlyList<ScenarioFlakiness> Scenarios { get; init; } = [];

    /// <summary>How many scenarios are flaky, for the printer column.</summary>
    [JsonPropertyName("flakyScenarios")]
    public int? FlakyScenarios { get; init; }
}

/// <summary>Why a run was started: a cron occurrence or workloads that rolled out.</summary>
public sealed record RunTrigger
{
    /// <summary>Schedule or Rollout (<see cref="TriggerReasons"/>).</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];

    /// <summary>The run it started, once started.</summary>
    [JsonPropertyName("run")]
    public string? Run { get; init; }
}

/// <summary>A Deployment or StatefulSet at one revision of its pod template.</summary>
public sealed record WorkloadRevision
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("revision")]
    public required string Revision { get; init; }
}

public sealed record PendingRollouts
{
    /// <summary>When the latest of them was seen complete; the run starts a settle time later.</summary>
    [JsonPropertyName("lastCompletion")]
    public DateTimeOffset LastCompletion { get; init; }

    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];
}

public sealed record ScheduledRunResult
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Succeeded or Failed.</summary>
    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    [JsonPropertyName("trigger")]
    public string? Trigger { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    [JsonPropertyName("failedScenarios")]
    public IReadOnlyList<string> FailedScenarios { get; init; } = [];

    [JsonPropertyName("passedScenarios")]
    public IReadOnlyList<string> PassedScenarios { get; init; } = [];
}

/// <summary>How often a scenario's outcome changed from one run to the next.</summary>
public sealed record ScenarioFlakiness
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("runs")]
    public int Runs { get; init; }

    [JsonPropertyName("flips")]
    public int Flips { get; init; }

    /// <summary>Percent of consecutive pairs of runs whose outcomes differ.</summary>
    [JsonPropertyName("flipRate")]
    public int FlipRate { get; init; }

    /// <summary>Passed, then failed, then passed again.</summary>
    [JsonPropertyName("flaky")]
    public bool Flaky { get; init; }
}
