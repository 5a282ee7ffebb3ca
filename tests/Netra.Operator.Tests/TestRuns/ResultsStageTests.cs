using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Probes.Contract;
using Netra.Probes.Model;
using Netra.Probes.Reporting;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>
/// The results ConfigMap as <c>netra-operator results</c> reads it back: every attempt kept, and a scenario whose report
/// outgrew the termination message present whole (its report came from the pod's log).
/// </summary>
public sealed class ResultsStageTests
{
    private static readonly DateTimeOffset Now = Runs.Start.AddSeconds(30);

    private static RunReport Report(string scenario, params (string Case, CaseOutcome Outcome, string? Message)[] cases) => new(
        Runs.Start,
        TimeSpan.FromSeconds(1),
        [new ScenarioResult(scenario, [.. cases.Select(c => new CaseResult($"{scenario}/{c.Case}", scenario, c.Case, c.Outcome, TimeSpan.FromMilliseconds(7), c.Message))],
            TimeSpan.FromSeconds(1))]);

    /// <summary>What a probe pod leaves: the summary in its termination message, and its whole report in its log when too large for it.</summary>
    private static JobObservation Finished(TestRun run, int attempt, int index, RunReport report)
    {
        var message = TerminationMessageComposer.Compose(report);
        var fits = TerminationMessage.Parse(message)!.Report is not null;
        return Runs.Probe(run, attempt, index, report.Succeeded ? JobProgress.Succeeded : JobProgress.Failed, message)
            with { Report = fits ? null : ReportLine.Find(ReportLine.Compose(JsonReport.Serialize(report))) };
    }

    [Fact]
    public void Every_attempt_and_every_case_of_a_scenario_too_large_for_the_termination_message_reach_the_results()
    {
        var run = Runs.Existing(r => { r.Spec.Retries = 1; r.Spec.Parallelism = 2; r.Status = Runs.Started(Phases.Probing); });
        var longMessage = new string('x', 2000) + " expected 200, got 503";
        var everyCaseFails = Enumerable.Range(1, 30).Select(i => ($"case-{i}", CaseOutcome.Failed, (string?)longMessage)).ToArray();
        var observation = Runs.Observe(run, probes:
        [
            Finished(run, 1, 0, Report("thread-management", ("create", CaseOutcome.Failed, "expected 201, got 500"), ("list", CaseOutcome.Passed, null))),
            Finished(run, 2, 0, Report("thread-management", ("create", CaseOutcome.Passed, null), ("list", CaseOutcome.Passed, null))),
            Finished(run, 1, 1, Report("auth-service-independence", everyCaseFails)),
            Finished(run, 2, 1, Report("auth-service-independence", everyCaseFails)),
        ]);
        Assert.Null(TerminationMessage.Parse(observation.ProbeJobs[ChildNames.ProbeJob(run, 1, 1)].TerminationMessage)!.Report);

        var results = (k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child;
        var report = JsonReport.Parse(results.Data[ResultsStage.ReportKey], "results");

        Assert.Equal(["thread-management", "auth-service-independence"], report.Scenarios.Select(s => s.Name));
        var create = report.Scenarios[0].Cases[0];
        Assert.True(create.Flaky);
        Assert.Equal(new CaseAttempt(1, CaseOutcome.Failed, TimeSpan.FromMilliseconds(7), "expected 201, got 500"), create.EarlierAttempts!.Single());
        var failing = report.Scenarios[1];
        Assert.Equal(30, failing.Summary.Failed);
        Assert.All(failing.Cases, c => Assert.Equal(longMessage, c.Message));
        Assert.All(failing.Cases, c => Assert.Equal(1, c.EarlierAttempts!.Single().Attempt));
    }

    [Fact]
    public void Results_past_a_config_maps_size_shorten_long_messages_and_stay_within_the_bound()
    {
        var run = Runs.Existing(r => { r.Spec.Retries = 2; r.Status = Runs.Started(Phases.Probing); });
        var huge = new string('y', 30_000);
        var cases = Enumerable.Range(1, 30).Select(i => ($"case-{i}", CaseOutcome.Failed, (string?)huge)).ToArray();
        var observation = Runs.Observe(run, probes:
            [.. Enumerable.Range(1, 3).Select(attempt => Finished(run, attempt, 0, Report("thread-management", cases)))]);

        var text = ((k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child).Data[ResultsStage.ReportKey];
        var report = JsonReport.Parse(text, "results");

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1, ResultsStage.MaxBytes);
        Assert.Equal(30, report.Scenarios.Single().Summary.Failed);
        Assert.All(report.Scenarios.Single().Cases, c => Assert.Equal(ResultsStage.ShortMessageChars, c.Message!.Length));
        Assert.All(report.Scenarios.Single().Cases, c => Assert.Equal([1, 2], c.EarlierAttempts!.Select(a => a.Attempt)));
    }
}
