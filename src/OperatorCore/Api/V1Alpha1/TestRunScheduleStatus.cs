using System.Text.Json.Serialization;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What the schedule did last, what runs now, and how the latest runs went.</summary>
public sealed record TestRunScheduleStatus
{
    /// <summary>The spec generation the status was written for.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Ready, True while runs can start (see the reasons in docs/testrunschedule-reference.md), else False.</summary>
    [ListMap("type")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<TestRunCondition> Conditions { get; init; } = [];

    /// <summary>The last cron occurrence the schedule acted on.</summary>
    [JsonPropertyName("lastScheduleTime")]
    public DateTimeOffset? LastScheduleTime { get; init; }

    /// <summary>What started the newest run.</summary>
    [JsonPropertyName("lastTrigger")]
    public RunTrigger? LastTrigger { get; init; }

    /// <summary>A trigger that fired while a run was active under Forbid; it starts a run once none is active.</summary>
    [JsonPropertyName("queuedTrigger")]
    public RunTrigger? QueuedTrigger { get; init; }

    /// <summary>Rollouts seen complete and waiting out the settle time.</summary>
    [JsonPropertyName("pendingRollouts")]
    public PendingRollouts? PendingRollouts { get; init; }

    /// <summary>
    /// Each watched workload at the revision accounted for (a run started for it, or it predates the schedule).
    /// </summary>
    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];

    /// <summary>Names of the schedule's TestRuns that have not finished.</summary>
    [JsonPropertyName("active")]
    public IReadOnlyList<string> Active { get; init; } = [];

    /// <summary>How many of the schedule's TestRuns have not finished (the length of <c>active</c>, for kubectl's columns).</summary>
    [JsonPropertyName("activeCount")]
    public int ActiveCount { get; init; }

    /// <summary>The latest 10 finished runs, newest first.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyList<ScheduledRunResult> Results { get; init; } = [];

    /// <summary>Percent of the results that succeeded, rounded.</summary>
    [JsonPropertyName("passRate")]
    public int? PassRate { get; init; }

    /// <summary>Each scenario of the results, with how often its outcome changed from one run to the next.</summary>
    [JsonPropertyName("scenarios")]
    public IReadOnlyList<ScenarioFlakiness> Scenarios { get; init; } = [];

    /// <summary>How many scenarios are flaky.</summary>
    /// <remarks>The printer column shows it.</remarks>
    [JsonPropertyName("flakyScenarios")]
    public int? FlakyScenarios { get; init; }

    /// <summary>
    /// Set while the schedule fails after it passed: the first failing run, its revision, and what changed since the last
    /// passing run; cleared once a run passes.
    /// </summary>
    [JsonPropertyName("regression")]
    public ScheduleRegression? Regression { get; init; }
}

/// <summary>Why a run was started: a cron occurrence or workloads that rolled out.</summary>
public sealed record RunTrigger
{
    /// <summary>Schedule (a cron occurrence) or Rollout (workloads that rolled out or objects that became ready).</summary>
    /// <remarks>One of <see cref="TriggerReasons"/>.</remarks>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>When the trigger fired; the run is named after it.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    /// <summary>The workloads that rolled out, each at the revision it rolled out to.</summary>
    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];

    /// <summary>The TestRun the trigger started.</summary>
    /// <remarks>Null until it is started.</remarks>
    [JsonPropertyName("run")]
    public string? Run { get; init; }
}

/// <summary>A Deployment or StatefulSet at one revision of its pod template.</summary>
public sealed record WorkloadRevision
{
    /// <summary>Deployment, StatefulSet, or the kind of a readiness trigger.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The workload's namespace.</summary>
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    /// <summary>The workload's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Its revision, as "The runs" in docs/testrunschedule-reference.md says for each kind.</summary>
    [JsonPropertyName("revision")]
    public required string Revision { get; init; }
}

public sealed record PendingRollouts
{
    /// <summary>When the latest of them was seen complete; the run starts a settle time later.</summary>
    [JsonPropertyName("lastCompletion")]
    public DateTimeOffset LastCompletion { get; init; }

    /// <summary>The workloads that rolled out, each at the revision it rolled out to.</summary>
    [JsonPropertyName("workloads")]
    public IReadOnlyList<WorkloadRevision> Workloads { get; init; } = [];
}

public sealed record ScheduledRunResult
{
    /// <summary>The TestRun.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Succeeded or Failed.</summary>
    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    /// <summary>What started it, Schedule or Rollout.</summary>
    [JsonPropertyName("trigger")]
    public string? Trigger { get; init; }

    /// <summary>When it finished.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>The scenarios that failed.</summary>
    [JsonPropertyName("failedScenarios")]
    public IReadOnlyList<string> FailedScenarios { get; init; } = [];

    /// <summary>The scenarios that passed, on their first attempt or on a retry.</summary>
    [JsonPropertyName("passedScenarios")]
    public IReadOnlyList<string> PassedScenarios { get; init; } = [];

    /// <summary>The scenarios that failed, then passed on a retry (Flaky; also in passedScenarios).</summary>
    [JsonPropertyName("flakyScenarios")]
    public IReadOnlyList<string> FlakyScenarios { get; init; } = [];

    /// <summary>What the run tested (its status.tested).</summary>
    [JsonPropertyName("tested")]
    public TestedStatus? Tested { get; init; }
}

/// <summary>How often a scenario's outcome changed from one run to the next.</summary>
public sealed record ScenarioFlakiness
{
    /// <summary>The scenario.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Results in which it passed or failed.</summary>
    [JsonPropertyName("runs")]
    public int Runs { get; init; }

    /// <summary>Times its outcome differed from the run before.</summary>
    [JsonPropertyName("flips")]
    public int Flips { get; init; }

    /// <summary>Percent of consecutive pairs of its runs whose outcomes differ.</summary>
    [JsonPropertyName("flipRate")]
    public int FlipRate { get; init; }

    /// <summary>True when it passed, then failed, then passed again within the results, or passed on a retry in one of them.</summary>
    [JsonPropertyName("flaky")]
    public bool Flaky { get; init; }
}
