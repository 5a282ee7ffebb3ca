using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// What a TestRunSchedule may ask of the operator: its triggers watch its own namespace and those the installer allows
/// (<see cref="TenantPolicy.RolloutNamespaces"/>), so that a tenant's schedule neither sees another team's workloads nor
/// starts runs on their rollouts; and its cron fires no more often than <see cref="TenantPolicy.MinScheduleInterval"/>.
/// </summary>
public static class ScheduleChecks
{
    /// <summary>How far ahead a cron's occurrences are looked at for two that come too close.</summary>
    private const int Occurrences = 1000;

    public static bool MayWatch(TenantPolicy policy, string own, string ns) => ns == own || AllowList.Allows(policy.RolloutNamespaces, ns);

    public static IEnumerable<string> Violations(TestRunScheduleSpec spec, TenantPolicy policy, string own)
    {
        (string Field, IEnumerable<string>? Namespaces)[] triggers =
        [
            ("triggers.rollouts.namespaces", spec.Triggers?.Rollouts?.Namespaces),
            .. (spec.Triggers?.Readiness ?? []).Select((r, i) => ($"triggers.readiness[{i}].namespaces", (IEnumerable<string>?)r.Namespaces)),
        ];
        foreach (var (field, namespaces) in triggers)
        {
            foreach (var ns in (namespaces ?? []).Where(ns => !MayWatch(policy, own, ns)).Distinct())
            {
                yield return $"{field}: '{ns}' is not a namespace this schedule may watch (its own, {own}, "
                    + (policy.RolloutNamespaces.Count > 0 ? $"and {string.Join(", ", policy.RolloutNamespaces)})." : "only).");
            }
        }
    }

    /// <summary>The shortest gap between two of the cron's next occurrences from <paramref name="from"/>, or null when it has fewer than two.</summary>
    public static TimeSpan? ShortestInterval(Func<DateTimeOffset, DateTimeOffset?> next, DateTimeOffset from)
    {
        TimeSpan? shortest = null;
        var previous = next(from);
        for (var i = 0; i < Occurrences && previous is { } at && next(at) is { } following; i++, previous = following)
        {
            shortest = shortest is { } s && s <= following - at ? s : following - at;
        }

        return shortest;
    }
}
