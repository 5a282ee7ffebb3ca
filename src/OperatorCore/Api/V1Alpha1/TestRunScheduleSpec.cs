using System.Text.Json.Serialization;
using k8s.Models;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>When to run the template, how many of its runs at once, and how many finished ones to keep.</summary>
public sealed class TestRunScheduleSpec
{
    /// <summary>The spec of every TestRun the schedule creates.</summary>
    [JsonPropertyName("template")]
    public TestRunSpec Template { get; set; } = new();

    /// <summary>Cron expression: five fields, or six with seconds first; macros such as <c>@hourly</c>.</summary>
    [JsonPropertyName("schedule")]
    public string? Schedule { get; set; }

    /// <summary>IANA time zone the schedule is read in; UTC when unset.</summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    [JsonPropertyName("triggers")]
    public ScheduleTriggers? Triggers { get; set; }

    /// <summary>Allow, Forbid or Replace (<see cref="ConcurrencyPolicies"/>).</summary>
    [JsonPropertyName("concurrencyPolicy")]
    public string? ConcurrencyPolicy { get; set; }

    [JsonPropertyName("successfulRunsHistoryLimit")]
    public int? SuccessfulRunsHistoryLimit { get; set; }

    [JsonPropertyName("failedRunsHistoryLimit")]
    public int? FailedRunsHistoryLimit { get; set; }

    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }
}

public sealed class ScheduleTriggers
{
    [JsonPropertyName("rollouts")]
    public RolloutTrigger? Rollouts { get; set; }

    [JsonPropertyName("readiness")]
    public IList<ReadinessTrigger>? Readiness { get; set; }
}

/// <summary>
/// Objects of any kind that report kstatus conditions (a Flux HelmRelease or Kustomization, an Argo CD Application):
/// one becoming Ready (or Healthy) at a new revision starts a run, as a completed rollout does.
/// </summary>
public sealed class ReadinessTrigger
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The plural resource name; guessed from the kind (lower case, plural) when unset.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    /// <summary>Namespaces to watch; the schedule's own when empty.</summary>
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }
}

/// <summary>Deployments and StatefulSets whose completed rollouts start a run.</summary>
public sealed class RolloutTrigger
{
    /// <summary>Which workloads: by labels; an empty selector takes all of them.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    /// <summary>Namespaces to watch; the schedule's own when empty.</summary>
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }

    /// <summary>Deployment, StatefulSet or both (the default).</summary>
    [JsonPropertyName("kinds")]
    public IList<string>? Kinds { get; set; }

    /// <summary>Go-style duration the rollouts must have been quiet before the run starts.</summary>
    [JsonPropertyName("settleTime")]
    public string? SettleTime { get; set; }
}
