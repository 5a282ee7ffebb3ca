using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s.Models;
using Netra.Operator.Core.Api.Schema;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>When to run the template, how many of its runs at once, and how many finished ones to keep.</summary>
public sealed class TestRunScheduleSpec
{
    /// <summary>The spec of every TestRun the schedule creates, as a TestRun's spec (docs/testrun-reference.md).</summary>
    [Required]
    [DefaultEmpty]
    [JsonPropertyName("template")]
    public TestRunSpec Template { get; set; } = new();

    /// <summary>
    /// Cron expression of when to run the template: five fields (minute hour day-of-month month day-of-week), six with
    /// seconds first, or a macro (@hourly, @daily, @weekly, @monthly, @yearly, @every_minute, @every_second).
    /// </summary>
    [RegularExpression(
        @"^\s*(@(yearly|annually|monthly|weekly|daily|midnight|hourly|every_minute|every_second)|([0-9A-Za-z*/,?#-]+\s+){4,5}[0-9A-Za-z*/,?#-]+)\s*$")]
    [StringLength(256)]
    [JsonPropertyName("schedule")]
    public string? Schedule { get; set; }

    /// <summary>IANA time zone the schedule is read in, e.g. Europe/Berlin; UTC when unset.</summary>
    [StringLength(64)]
    [RegularExpression("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    /// <summary>What else starts a run besides the schedule; rollouts and readiness share one settle time.</summary>
    [JsonPropertyName("triggers")]
    public ScheduleTriggers? Triggers { get; set; }

    /// <summary>
    /// What happens when a run is due while another is active: Forbid (default) queues it until the active one finishes
    /// (one queued run at most), Allow starts it alongside, Replace deletes the active one and starts it. Whatever the
    /// policy, at most tenancy.maxActiveRunsPerSchedule (default 3) of the schedule's runs are unfinished at once; a
    /// trigger beyond waits queued. A cron firing more often than tenancy.minScheduleInterval (default 1m) makes the
    /// schedule InvalidSpec.
    /// </summary>
    [AllowedValues(ConcurrencyPolicies.Allow, ConcurrencyPolicies.Forbid, ConcurrencyPolicies.Replace)]
    [Default(ConcurrencyPolicies.Forbid)]
    [JsonPropertyName("concurrencyPolicy")]
    public string? ConcurrencyPolicy { get; set; }

    /// <summary>How many succeeded runs to keep; older ones are deleted (3 by default).</summary>
    [Range(0, 100)]
    [Default(3)]
    [JsonPropertyName("successfulRunsHistoryLimit")]
    public int? SuccessfulRunsHistoryLimit { get; set; }

    /// <summary>How many failed runs to keep; older ones are deleted (1 by default).</summary>
    [Range(0, 100)]
    [Default(1)]
    [JsonPropertyName("failedRunsHistoryLimit")]
    public int? FailedRunsHistoryLimit { get; set; }

    /// <summary>True stops new runs from starting; what fell due meanwhile runs once when it is set back to false.</summary>
    [Default(false)]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }
}

public sealed class ScheduleTriggers
{
    /// <summary>
    /// Deployments and StatefulSets whose completed rollout of a new pod template starts a run; rollouts that complete
    /// within the settle time of each other start one run.
    /// </summary>
    [JsonPropertyName("rollouts")]
    public RolloutTrigger? Rollouts { get; set; }

    /// <summary>
    /// Objects of other kinds that report kstatus conditions (a Flux HelmRelease or Kustomization, an Argo CD
    /// Application); one becoming Ready or Healthy at a new revision starts a run, as a completed rollout does.
    /// </summary>
    [MaxItems(8)]
    [JsonPropertyName("readiness")]
    public IList<ReadinessTrigger>? Readiness { get; set; }
}

/// <summary>Objects of any kind that report kstatus conditions, one of which becoming ready starts a run.</summary>
public sealed class ReadinessTrigger
{
    /// <summary>The objects' API group and version, e.g. helm.toolkit.fluxcd.io/v2.</summary>
    [Required]
    [StringLength(253)]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>The objects' kind, e.g. HelmRelease.</summary>
    [Required]
    [StringLength(253)]
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The plural resource name, e.g. helmreleases; guessed from the kind when unset.</summary>
    [StringLength(253)]
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    /// <summary>Label selector of the objects to watch; empty selects all of them in the namespaces.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    /// <summary>Namespaces of the objects to watch; the schedule's own namespace when empty. Others as for rollouts.</summary>
    [MaxItems(16)]
    [MaxItemLength(63)]
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }
}

/// <summary>Deployments and StatefulSets whose completed rollouts start a run.</summary>
public sealed class RolloutTrigger
{
    /// <summary>Label selector of the workloads to watch; empty selects all of them in the namespaces.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    /// <summary>
    /// Namespaces of the workloads to watch; the schedule's own namespace when empty. Others only when the operator's
    /// installer allows them (tenancy.allowedRolloutNamespaces): otherwise the schedule is InvalidSpec and they are never
    /// read.
    /// </summary>
    [MaxItems(16)]
    [MaxItemLength(63)]
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }

    /// <summary>Deployment, StatefulSet or both (the default).</summary>
    [MaxItems(2)]
    [AllowedItems(WorkloadKinds.Deployment, WorkloadKinds.StatefulSet)]
    [JsonPropertyName("kinds")]
    public IList<string>? Kinds { get; set; }

    /// <summary>
    /// How long no further rollout or readiness may complete before the run starts, as a Go duration (default 30s).
    /// </summary>
    [StringLength(GoDuration.MaxChars)]
    [RegularExpression(GoDuration.Pattern)]
    [Default("30s")]
    [JsonPropertyName("settleTime")]
    public string? SettleTime { get; set; }
}
