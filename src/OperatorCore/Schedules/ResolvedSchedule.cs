using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Schedules;

/// <summary>A schedule's spec with its defaults filled (the same the CRD fills at apply) and its problems named.</summary>
public sealed record ResolvedSchedule(
    CronSchedule? Cron,
    ResolvedRollouts? Rollouts,
    IReadOnlyList<ResolvedReadiness> Readiness,
    string ConcurrencyPolicy,
    int SuccessfulRunsHistoryLimit,
    int FailedRunsHistoryLimit,
    bool Suspend,
    IReadOnlyList<string> Problems)
{
    public const int DefaultSuccessfulRunsHistoryLimit = 3;
    public const int DefaultFailedRunsHistoryLimit = 1;
    public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(30);

    /// <summary>Where a cron's occurrences are looked at for two that come too close: a fixed time, so that the answer never changes.</summary>
    private static readonly DateTimeOffset CronEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The spec resolved; <paramref name="policy"/> (the installer's, unrestricted when null) adds what it refuses.</summary>
    public static ResolvedSchedule Resolve(TestRunScheduleSpec spec, TenantPolicy? policy = null, string? ns = null)
    {
        policy ??= TenantPolicy.Unrestricted;
        var problems = new List<string>(ScheduleChecks.Violations(spec, policy, ns ?? string.Empty));
        CronSchedule? cron = null;
        if (!string.IsNullOrWhiteSpace(spec.Schedule))
        {
            (cron, var problem) = CronSchedule.Parse(spec.Schedule, spec.TimeZone);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (ScheduleChecks.ShortestInterval(cron!.Next, CronEpoch) is { } shortest && shortest < policy.MinScheduleInterval)
            {
                problems.Add($"schedule \"{spec.Schedule}\" fires {GoDuration.Format(shortest)} apart; the operator allows runs at most "
                    + $"every {GoDuration.Format(policy.MinScheduleInterval)}.");
            }
        }

        var rollouts = spec.Triggers?.Rollouts is { } trigger ? ResolveRollouts(trigger, problems) : null;
        IReadOnlyList<ResolvedReadiness> readiness = [.. (spec.Triggers?.Readiness ?? []).Select(ResolvedReadiness.Resolve)];
        if (string.IsNullOrWhiteSpace(spec.Schedule) && rollouts is null && readiness.Count == 0)
        {
            problems.Add("Give a schedule, a trigger, or both: without either nothing ever starts a run.");
        }

        problems.AddRange(readiness.Where(r => r.Kind.Length == 0 || r.Version.Length == 0)
            .Select(_ => "triggers.readiness: each needs an apiVersion and a kind."));

        problems.AddRange(TestRunValidation.Validate(TestRunDefaults.Resolve(spec.Template)).Select(p => $"template: {p}"));
        return new ResolvedSchedule(
            cron,
            rollouts,
            readiness,
            spec.ConcurrencyPolicy ?? ConcurrencyPolicies.Forbid,
            spec.SuccessfulRunsHistoryLimit ?? DefaultSuccessfulRunsHistoryLimit,
            spec.FailedRunsHistoryLimit ?? DefaultFailedRunsHistoryLimit,
            spec.Suspend ?? false,
            problems);
    }

    private static ResolvedRollouts ResolveRollouts(RolloutTrigger trigger, List<string> problems)
    {
        var settle = DefaultSettleTime;
        if (trigger.SettleTime is { } text && !GoDuration.TryParse(text, out settle))
        {
            problems.Add($"triggers.rollouts.settleTime \"{text}\" is not a duration such as 30s or 2m.");
        }

        IReadOnlyList<string> kinds = trigger.Kinds is { Count: > 0 } given
            ? [.. given]
            : [WorkloadKinds.Deployment, WorkloadKinds.StatefulSet];
        return new ResolvedRollouts(trigger.Selector ?? new V1LabelSelector(), [.. trigger.Namespaces ?? []], kinds, settle);
    }
}

/// <summary>The settle time of all triggers: the rollout trigger's, or the default.</summary>
public static class SettleTimes
{
    public static TimeSpan Of(ResolvedSchedule spec) => spec.Rollouts?.Settle ?? ResolvedSchedule.DefaultSettleTime;
}

/// <summary>Which workloads a rollout trigger watches and how long their rollouts must be quiet.</summary>
/// <param name="Namespaces">Empty: the schedule's own namespace.</param>
public sealed record ResolvedRollouts(
    V1LabelSelector Selector, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Kinds, TimeSpan Settle);
