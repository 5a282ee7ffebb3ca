using System.Text.RegularExpressions;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>Names at their length limits, cut where a dot or a dash falls, still give children the API server accepts.</summary>
public sealed partial class ChildNamesTests
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();

    /// <summary>Names of 253 and 63 characters, and ones whose cut falls on a dot or a dash.</summary>
    public static TheoryData<string> Names => new()
    {
        new string('a', 253),
        new string('a', 63),
        string.Concat(Enumerable.Repeat("a.", 126)) + "a",
        string.Concat(Enumerable.Repeat("ab-", 84)) + "a",
        new string('a', 43) + "." + new string('b', 209),
        new string('a', 236) + "." + new string('b', 16),
        "a",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_child_name_and_label_of_a_run_is_valid(string name)
    {
        var run = Runs.Ephemeral(r => { r.Metadata.Name = name; r.Status = new TestRunStatus { Run = 12 }; });

        foreach (var child in new[] { ChildNames.ProbeJob(run, 6, 9), ChildNames.ResultsConfigMap(run), ChildNames.EnvironmentNamespace(run) })
        {
            Assert.Matches(Subdomain(), child);
            Assert.InRange(child.Length, 1, 253);
        }

        Assert.InRange(ChildNames.ProbeJob(run, 6, 9).Length, 1, 63);
        Assert.All(ChildNames.Labels(run, ChildNames.ProbeComponent).Values, value => Assert.Matches(LabelValue(), value));
        var eventName = EventRecorder.NameFor(name, DateTime.MaxValue.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(Subdomain(), eventName);
        Assert.InRange(eventName.Length, 1, 253);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_schedules_run_names_are_valid_test_run_names(string name)
    {
        var schedule = new TestRunSchedule { Metadata = new() { Name = name, NamespaceProperty = "team", Uid = "u" } };

        var run = ScheduledRuns.Name(schedule, DateTimeOffset.FromUnixTimeSeconds(int.MaxValue));

        Assert.Matches(Subdomain(), run);
        Assert.InRange(run.Length, 1, 63);
    }
}
