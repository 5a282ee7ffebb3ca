using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Schedules.Stages;

namespace Netra.Operator.Tests.Schedules;

public sealed class RegressionTests
{
    /// <summary>
    /// Outcomes oldest first (P passed, F failed), one run a deploy: run N tested revision rN and backend image api:N.
    /// The regression expected names its first failing and last passing runs by number; 0: none.
    /// </summary>
    [Theory]
    [InlineData("PPF", 3, 2)]
    [InlineData("PPFF", 3, 2)]
    [InlineData("PPFFFFFFFFFFFF", 3, 2)]
    [InlineData("PPFFP", 0, 0)]
    [InlineData("PPFFPF", 6, 5)]
    [InlineData("FFF", 0, 0)]
    [InlineData("PPP", 0, 0)]
    [InlineData("F", 0, 0)]
    [InlineData("FPF", 3, 2)]
    public void A_schedule_going_from_passing_to_failing_names_the_first_failing_run_until_one_passes(
        string outcomes, int firstFailing, int lastPassing)
    {
        ScheduledRunResult[] recorded = [];
        ScheduleRegression? regression = null;
        for (var i = 0; i < outcomes.Length; i++)
        {
            // One run recorded per reconcile, as they finish: the status carries the regression from one to the next.
            recorded = [.. ResultsStage.Record(recorded, [Run(i + 1, outcomes[i] == 'P')])];
            recorded = [.. recorded.Select(r => r with { Tested = Tested(Number(r.Name)) })];
            regression = Regressions.Decide(recorded, regression);
        }

        Assert.Equal(firstFailing == 0 ? null : $"smoke-{firstFailing}", regression?.Run);
        if (regression is not null)
        {
            Assert.Equal($"smoke-{lastPassing}", regression.LastPassingRun);
            Assert.Equal(($"r{firstFailing}", $"r{lastPassing}"), (regression.Revision, regression.LastPassingRevision));
            Assert.Equal(Completed(firstFailing), regression.Since);
            Assert.Contains(regression.Changes, c => c == new TestedChange { What = "backend image", From = $"api:{lastPassing}", To = $"api:{firstFailing}" });
        }
    }

    [Fact]
    public void Results_recorded_together_after_a_restart_decide_as_one_at_a_time_would()
    {
        // Newest first: two failures after a pass, with no regression in the status yet.
        var results = new[] { Result(4, false), Result(3, false), Result(2, true), Result(1, true) };

        var regression = Regressions.Decide(results, before: null);

        Assert.Equal(("smoke-3", "smoke-2"), (regression?.Run, regression?.LastPassingRun));
    }

    [Fact]
    public void A_new_regression_after_a_pass_the_status_never_saw_replaces_the_old_one()
    {
        var old = Regressions.Of(Result(2, false), Result(1, true));
        var results = new[] { Result(4, false), Result(3, true), Result(2, false), Result(1, true) };

        Assert.Equal("smoke-4", Regressions.Decide(results, old)?.Run);
    }

    [Fact]
    public void A_regression_whose_passing_run_left_the_results_is_kept_while_every_result_fails()
    {
        var old = Regressions.Of(Result(2, false), Result(1, true));
        var results = Enumerable.Range(3, ResultsStage.Limit).Reverse().Select(n => Result(n, false)).ToList();

        Assert.Same(old, Regressions.Decide(results, old));
    }

    [Fact]
    public void Nothing_recorded_changed_but_the_revision_lists_only_the_revision()
    {
        var passing = Tested(1);
        var failing = passing with { Revision = "r2" };

        var change = Assert.Single(TestedChanges.Between(passing, failing));

        Assert.Equal(new TestedChange { What = "revision", From = "r1", To = "r2" }, change);
    }

    [Fact]
    public void Every_image_digest_chart_and_values_change_is_listed_by_service()
    {
        var before = new TestedStatus
        {
            Revision = "r1",
            Images =
            [
                new TestedImage { Service = "auth", Image = "auth:1", Digest = Digest('a') },
                new TestedImage { Service = "backend", Image = "api:1", Digest = Digest('b') },
            ],
            Charts = [new TestedChart { Service = "agent", Chart = "bundled", Version = "0.1.0" }],
            ValuesHash = Digest('1'),
        };
        var after = before with
        {
            Images =
            [
                new TestedImage { Service = "auth", Image = "auth:1", Digest = Digest('c') },
                new TestedImage { Service = "backend", Image = "api:1", Digest = Digest('b') },
                new TestedImage { Service = "backend", Image = "api:2", Digest = Digest('d') },
            ],
            Charts = [new TestedChart { Service = "agent", Chart = "oci://charts/netra-agent", Version = "0.2.0" }],
            ValuesHash = Digest('2'),
        };

        var changes = TestedChanges.Between(before, after);

        Assert.Equal(
            ["auth digest", "backend image", "backend digest", "agent chart", "agent chart version", "values hash"],
            changes.Select(c => c.What));
        Assert.Equal(("api:1", "api:1, api:2"), (changes[1].From, changes[1].To));
        Assert.Equal((Digest('a'), Digest('c')), (changes[0].From, changes[0].To));
        Assert.Empty(TestedChanges.Between(before, before));
    }

    [Fact]
    public void A_run_that_recorded_nothing_compares_as_empty_and_long_values_are_bounded()
    {
        var image = "registry.example/" + new string('x', 2000);
        var after = new TestedStatus { Images = [new TestedImage { Service = "backend", Image = image }] };

        var change = Assert.Single(TestedChanges.Between(null, after));

        Assert.Equal(("backend image", null), (change.What, change.From));
        Assert.Equal(TestedImage.MaxImageChars, change.To!.Length);
    }

    [Fact]
    public void The_events_message_is_one_bounded_line_naming_the_first_failing_revision_and_each_change()
    {
        var regression = Regressions.Of(
            Result(7, false) with { Tested = WithoutDigest(7) with { Revision = "Deployment/apps/api@7\nsecond line" } },
            Result(6, true) with { Tested = WithoutDigest(6) });

        var message = Regressions.Message(regression);

        Assert.Equal(
            "Failing since TestRun smoke-7 (revision Deployment/apps/api@7 second line); last passed in smoke-6 (revision r6); "
            + "changed: backend image api:6 -> api:7; revision r6 -> Deployment/apps/api@7 second line.",
            message);
        var many = regression with
        {
            Changes = [.. Enumerable.Range(0, ScheduleRegression.MaxChanges).Select(i => new TestedChange { What = "x", To = new string('y', 500) })],
        };
        Assert.Equal(Regressions.MaxMessageChars, Regressions.Message(many).Length);
    }

    private static string Digest(char c) => "sha256:" + new string(c, 64);

    private static int Number(string name) => int.Parse(name["smoke-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Completed(int n) => Schedules.Created.AddMinutes(n);

    private static TestRun Run(int n, bool passed) =>
        Schedules.Run($"smoke-{n}", passed ? Phases.Succeeded : Phases.Failed, Completed(n), ("auth-service-independence", passed ? ScenarioResults.Passed : ScenarioResults.Failed));

    private static ScheduledRunResult Result(int n, bool passed) => new()
    {
        Name = $"smoke-{n}", Phase = passed ? Phases.Succeeded : Phases.Failed, CompletionTime = Completed(n), Tested = Tested(n),
    };

    private static TestedStatus WithoutDigest(int n) => Tested(n) with { Images = [new TestedImage { Service = "backend", Image = $"api:{n}" }] };

    private static TestedStatus Tested(int n) => new()
    {
        Revision = $"r{n}",
        Images = [new TestedImage { Service = "backend", Image = $"api:{n}", Digest = Digest((char)('a' + n)) }],
    };
}
