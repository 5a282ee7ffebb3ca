using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>
/// How steady the latest results are: the share of runs that succeeded, and for each scenario how often its
/// outcome changed from one run to the next. A scenario that passed, then failed, then passed again is flaky: the
/// failure went away with no fix; so is one that passed on a retry (Flaky) in any run, and it counts as passed there.
/// </summary>
public static class Flakiness
{
    /// <summary>Percent of <paramref name="results"/> that succeeded, rounded; null without results.</summary>
    public static int? PassRate(IReadOnlyList<ScheduledRunResult> results) =>
        results.Count == 0 ? null : Percent(results.Count(r => r.Phase == Phases.Succeeded), results.Count);

    /// <summary>Every scenario the results name, by name; <paramref name="results"/> newest first, as the status keeps them.</summary>
    public static IReadOnlyList<ScenarioFlakiness> Scenarios(IReadOnlyList<ScheduledRunResult> results)
    {
        var oldestFirst = results.Reverse().ToList();
        var names = oldestFirst.SelectMany(r => r.PassedScenarios.Concat(r.FailedScenarios)).Distinct().Order(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            var flakiness = Of(name, [.. oldestFirst.Select(r => Outcome(r, name)).OfType<bool>()]);
            return results.Any(r => r.FlakyScenarios.Contains(name)) ? flakiness with { Flaky = true } : flakiness;
        })];
    }

    /// <summary>A scenario's outcomes, oldest first: true passed, false failed.</summary>
    public static ScenarioFlakiness Of(string name, IReadOnlyList<bool> passed)
    {
        var flips = passed.Zip(passed.Skip(1)).Count(pair => pair.First != pair.Second);
        return new ScenarioFlakiness
        {
            Name = name,
            Runs = passed.Count,
            Flips = flips,
            FlipRate = passed.Count < 2 ? 0 : Percent(flips, passed.Count - 1),
            Flaky = PassedFailedPassed(passed),
        };
    }

    private static bool PassedFailedPassed(IReadOnlyList<bool> passed)
    {
        var firstPass = passed.ToList().IndexOf(true);
        var lastPass = passed.ToList().LastIndexOf(true);
        return firstPass >= 0 && passed.Skip(firstPass).Take(lastPass - firstPass).Contains(false);
    }

    private static bool? Outcome(ScheduledRunResult result, string scenario) =>
        result.PassedScenarios.Contains(scenario) ? true : result.FailedScenarios.Contains(scenario) ? false : null;

    private static int Percent(int part, int whole) => (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);
}
