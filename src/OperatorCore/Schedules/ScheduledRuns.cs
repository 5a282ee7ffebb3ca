using System.Globalization;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// The TestRuns a schedule creates: named after the schedule and the time their trigger fired, so that creating one
/// again (after a failed status write, or from a stale cache) finds the first instead of making a second.
/// </summary>
public static class ScheduledRuns
{
    /// <summary>On each run: the schedule that created it (truncated to a label value's 63 characters).</summary>
    public const string ScheduleLabel = "netra.io/schedule";

    /// <summary>On each run: Schedule or Rollout.</summary>
    public const string TriggerLabel = "netra.io/trigger";

    private const int MaxNameLength = 63;

    public static string Name(TestRunSchedule schedule, DateTimeOffset fired)
    {
        var suffix = "-" + fired.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var name = schedule.Metadata.Name;
        return name[..Math.Min(name.Length, MaxNameLength - suffix.Length)].TrimEnd('-', '.') + suffix;
    }

    public static TestRun Create(TestRunSchedule schedule, RunTrigger trigger) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = Name(schedule, trigger.Time),
            NamespaceProperty = schedule.Metadata.NamespaceProperty,
            Labels = new Dictionary<string, string>
            {
                [ScheduleLabel] = Truncated(schedule.Metadata.Name),
                [TriggerLabel] = trigger.Reason,
            },
            Annotations = VerifiedWorkloads.AnnotationValue(trigger.Workloads) is { } verifies
                ? new Dictionary<string, string> { [VerifiedWorkloads.RunAnnotation] = verifies }
                : null,
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = schedule.ApiVersion,
                    Kind = schedule.Kind,
                    Name = schedule.Metadata.Name,
                    Uid = schedule.Metadata.Uid,
                    Controller = true,
                },
            ],
        },
        // A copy: the run must not share the schedule's objects.
        Spec = KubernetesJson.Deserialize<TestRunSpec>(KubernetesJson.Serialize(schedule.Spec.Template)),
    };

    /// <summary>The queue key of the schedule that owns a run, or null when no schedule does.</summary>
    public static string? OwnerKey(TestRun run) =>
        run.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == TestRunSchedule.KindName && o.Controller == true) is { } owner
            ? $"{run.Metadata.NamespaceProperty}/{owner.Name}"
            : null;

    /// <summary>The label selector of a schedule's runs (which may also match another's whose name starts the same).</summary>
    public static string Selector(TestRunSchedule schedule) => $"{ScheduleLabel}={Truncated(schedule.Metadata.Name)}";

    public static bool IsFinished(TestRun run) => run.Status?.Phase is Phases.Succeeded or Phases.Failed;

    private static string Truncated(string value) => value.Length <= 63 ? value : value[..63].TrimEnd('-', '.');
}
