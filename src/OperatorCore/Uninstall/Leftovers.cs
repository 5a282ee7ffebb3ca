namespace Netra.Operator.Core.Uninstall;

/// <summary>What an uninstall still waits for: TestRunSchedules and TestRuns, each as NAMESPACE/NAME.</summary>
public sealed record Leftovers(IReadOnlyList<string> Schedules, IReadOnlyList<string> Runs)
{
    /// <summary>Names a line shows at most; the others are counted, so that a line stays readable with hundreds of runs.</summary>
    public const int Shown = 10;

    public bool IsEmpty => Schedules.Count == 0 && Runs.Count == 0;

    /// <summary><c>1 TestRunSchedule and 2 TestRuns</c>.</summary>
    public string Count => Counted(Schedules.Count, Runs.Count);

    /// <summary><c>team/nightly, team/a, team/b</c>: schedules first, at most <see cref="Shown"/>, then how many more.</summary>
    public string Names
    {
        get
        {
            var names = Schedules.Concat(Runs).ToList();
            var more = names.Count > Shown ? $" and {names.Count - Shown} more" : string.Empty;
            return string.Join(", ", names.Take(Shown)) + more;
        }
    }

    /// <summary><c>1 TestRunSchedule and 2 TestRuns: team/nightly, team/a, team/b</c>.</summary>
    public override string ToString() => $"{Count}: {Names}";

    /// <summary><c>1 TestRunSchedule and 2 TestRuns</c>, <c>3 TestRuns</c>; the kinds with none are left out.</summary>
    public static string Counted(int schedules, int runs) =>
        string.Join(" and ", new (int Number, string Kind)[] { (schedules, "TestRunSchedule"), (runs, "TestRun") }
            .Where(counted => counted.Number > 0)
            .Select(counted => $"{counted.Number} {counted.Kind}{(counted.Number == 1 ? string.Empty : "s")}"));
}
