using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Probes.Contract;
using Netra.Probes.Report;
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

    /// <summary>
    /// What a probe pod leaves: the summary in its termination message, and its whole report in its log, which the operator
    /// reads when the termination message has no room for it or lacks its evidence.
    /// </summary>
    private static JobObservation Finished(TestRun run, int attempt, int index, RunReport report)
    {
        var message = TerminationMessageComposer.Compose(report);
        return Runs.Probe(run, attempt, index, report.Succeeded ? JobProgress.Succeeded : JobProgress.Failed, message)
            with { Report = ProbeLogReports.NeedsLog(message) ? ReportLine.Find(ReportLine.Compose(JsonReport.Serialize(report))) : null };
    }

    [Fact]
    public void A_failed_scenario_whose_log_cannot_be_read_keeps_every_case_without_evidence()
    {
        var run = Runs.Existing(r => r.Status = Runs.Started(Phases.Probing));
        var failed = new RunReport(Runs.Start, TimeSpan.FromSeconds(1),
        [
            new ScenarioResult("thread-management", [new CaseResult("thread-management/create", "thread-management", "create",
                CaseOutcome.Failed, TimeSpan.FromMilliseconds(7), "expected 201, got 500", Evidence: FullEvidence)], TimeSpan.FromSeconds(1)),
        ]);
        var message = TerminationMessageComposer.Compose(failed);
        var observation = Runs.Observe(run, probes: [Runs.Probe(run, 1, 0, JobProgress.Failed, message)]);

        var text = ((k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child).Data[ResultsStage.ReportKey];
        var create = JsonReport.Parse(text, "results").Scenarios.Single().Cases.Single();

        Assert.True(ProbeLogReports.NeedsLog(message));
        Assert.False(ProbeLogReports.NeedsLog(TerminationMessageComposer.Compose(
            Report("thread-management", ("list", CaseOutcome.Passed, null), ("create", CaseOutcome.Failed, "expected 201, got 500")))));
        Assert.Equal(("expected 201, got 500", (IReadOnlyList<string>?)null), (create.Message, create.Evidence));
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
    public void The_pods_that_answered_each_scenario_reach_the_results_from_the_termination_message_the_log_or_beside_cases_left_out()
    {
        string[] scenarios = ["thread-management", "auth-service-independence", "multi-agent-isolation"];
        var run = Runs.Existing(r =>
        {
            r.Spec.Scenarios = [.. scenarios];
            r.Spec.Parallelism = 3;
            r.Status = Runs.Started(Phases.Probing);
        });
        AnsweredBy Answered(string pod) => new([$"netra-auth-{pod}"], [$"netra-backend-{pod}"], []);
        RunReport With(RunReport report, string pod) =>
            report with { Scenarios = [report.Scenarios.Single() with { AnsweredBy = Answered(pod) }] };
        var incompressible = string.Concat(Enumerable.Range(0, 300).Select(_ => Guid.NewGuid().ToString("N")));
        var tooLargeToKeep = Enumerable.Range(1, 300)
            .Select(i => ($"case-{i}", CaseOutcome.Failed, (string?)new string('x', 1000))).ToArray();
        var observation = Runs.Observe(run, probes:
        [
            Finished(run, 1, 0, With(Report("thread-management", ("create", CaseOutcome.Passed, null)), "small")),
            Finished(run, 1, 1, With(Report("auth-service-independence", ("jwks", CaseOutcome.Failed, incompressible)), "logged")),
            Finished(run, 1, 2, With(Report("multi-agent-isolation", tooLargeToKeep), "huge")),
        ]);
        Assert.NotNull(TerminationMessage.Parse(observation.ProbeJobs[ChildNames.ProbeJob(run, 1, 0)].TerminationMessage)!.Report);
        Assert.Null(TerminationMessage.Parse(observation.ProbeJobs[ChildNames.ProbeJob(run, 1, 1)].TerminationMessage)!.Report);

        var results = (k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child;
        var report = JsonReport.Parse(results.Data[ResultsStage.ReportKey], "results");

        Assert.Equal(
            [.. scenarios.Zip(["small", "logged", "huge"], (name, pod) => (name, $"netra-auth-{pod}", $"netra-backend-{pod}", 0))],
            report.Scenarios.Select(s => (s.Name, s.AnsweredBy!.Auth.Single(), s.AnsweredBy.Backend.Single(), s.AnsweredBy.Agent.Count)));
        Assert.Empty(report.Scenarios[2].Cases);
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

    /// <summary>Evidence as full as a case may carry: eight entries of JSON, quotes and all, just within 2 KiB.</summary>
    private static readonly string[] FullEvidence = [.. Enumerable.Range(1, EvidenceLimits.MaxEntries).Select(i =>
        $"<- 401 {{\"error\":\"invalid_token\",\"entry\":{i},\"detail\":\"{new string('q', 190)}\"}}".PadRight(EvidenceLimits.MaxBytesPerCase / 8, '"'))];

    /// <summary>Each of the ten scenarios with nine cases (90 in all), each failed with <paramref name="message"/> and full evidence.</summary>
    private static IEnumerable<(int Index, RunReport Report)> EveryCaseFailing(string message) =>
        ScenarioNames.All.Select((scenario, index) => (index, new RunReport(Runs.Start, TimeSpan.FromSeconds(1),
        [
            new ScenarioResult(scenario, [.. Enumerable.Range(1, 9).Select(i => new CaseResult(
                $"{scenario}/case-{i}", scenario, "checks", CaseOutcome.Failed, TimeSpan.FromMilliseconds(7), message, Evidence: FullEvidence))],
                TimeSpan.FromSeconds(1)),
        ])));

    [Fact]
    public void Ninety_failed_cases_with_full_evidence_keep_all_of_it_within_the_bound()
    {
        var run = Runs.Existing(r => { r.Spec.Scenarios = [.. ScenarioNames.All]; r.Status = Runs.Started(Phases.Probing); });
        var message = "expected refresh to answer 200, got 401 " + new string('m', 1000);
        var observation = Runs.Observe(run, probes: [.. EveryCaseFailing(message).Select(s => Finished(run, 1, s.Index, s.Report))]);
        Assert.All(FullEvidence, e => Assert.Equal(EvidenceLimits.MaxBytesPerCase / 8, e.Length));

        var text = ((k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child).Data[ResultsStage.ReportKey];
        var cases = JsonReport.Parse(text, "results").Scenarios.SelectMany(s => s.Cases).ToList();

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1, ResultsStage.MaxBytes);
        Assert.Equal(90, cases.Count);
        Assert.All(cases, c => Assert.Equal(FullEvidence, c.Evidence));
        Assert.All(cases, c => Assert.Equal(message, c.Message));
    }

    [Fact]
    public void Results_too_large_trim_evidence_before_anything_else_and_never_lose_a_case()
    {
        var run = Runs.Existing(r =>
        {
            r.Spec.Scenarios = [.. ScenarioNames.All];
            r.Spec.Retries = TestRunValidation.MaxRetries;
            r.Status = Runs.Started(Phases.Probing);
        });
        var message = new string('m', ResultsStage.ShortMessageChars - 80);
        var observation = Runs.Observe(run, probes:
        [
            .. Enumerable.Range(1, TestRunValidation.MaxRetries + 1)
                .SelectMany(attempt => EveryCaseFailing(message).Select(s => Finished(run, attempt, s.Index, s.Report))),
        ]);

        var text = ((k8s.Models.V1ConfigMap)ResultsStage.Results(observation, Runs.Start, Now)!.Child).Data[ResultsStage.ReportKey];
        var cases = JsonReport.Parse(text, "results").Scenarios.SelectMany(s => s.Cases).ToList();

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1, ResultsStage.MaxBytes);
        Assert.Equal(90, cases.Count);
        Assert.All(cases, c => Assert.Equal(FullEvidence[^ResultsStage.ShortEvidenceEntries..], c.Evidence));
        Assert.All(cases, c => Assert.Equal(message, c.Message));
        Assert.All(cases, c => Assert.Equal(TestRunValidation.MaxRetries, c.EarlierAttempts!.Count));
    }
}
