using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Status;

/// <summary>
/// What a run's <c>spec.quarantine</c> says as the run finishes: the scenarios whose failure does not fail it (an entry's
/// <c>until</c> still ahead) and the entries that expired, which are ignored and named in the Finished message.
/// </summary>
public sealed record Quarantine(IReadOnlySet<string> Active, IReadOnlyList<QuarantineEntry> Expired)
{
    public static Quarantine At(IEnumerable<QuarantineEntry> entries, DateTimeOffset now)
    {
        var named = entries.Where(e => e is { Scenario: not null, Until: not null }).ToList();
        var active = named.Where(e => e.Until > now).Select(e => e.Scenario!).ToHashSet(StringComparer.Ordinal);
        return new(active, [.. named.Where(e => e.Until <= now && !active.Contains(e.Scenario!))]);
    }

    public bool Excuses(string scenario) => Active.Contains(scenario);

    /// <summary>The scenarios that failed although quarantined, in the outcomes' order.</summary>
    public IReadOnlyList<string> ExcusedFailures(IEnumerable<ScenarioOutcome> outcomes) =>
        [.. outcomes.Where(o => o.Ran && !o.Succeeded && Excuses(o.Name)).Select(o => o.Name)];

    /// <summary>Some scenario failed and no quarantine excuses it.</summary>
    public bool FailsRun(IEnumerable<ScenarioOutcome> outcomes) => outcomes.Any(o => o.Ran && !o.Succeeded && !Excuses(o.Name));
}
