using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>TestRuns and observations of them, as the controller's unit tests need them.</summary>
internal static class Runs
{
    public const string Uid = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    public const string EnvironmentNamespace = "netra-run-0f1e2d3c";
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TestRun Ephemeral(Action<TestRun>? change = null) => Make(EnvironmentModes.Ephemeral, change);

    public static TestRun Existing(Action<TestRun>? change = null) => Make(EnvironmentModes.Existing, run =>
    {
        run.Spec.Environment.Endpoints = new EndpointsSpec { AuthUrl = "http://auth.test", BackendUrl = "http://backend.test", AgentUrl = "http://agent.test" };
        change?.Invoke(run);
    });

    public static TestRunObservation Observe(
        TestRun run, ChildPresence ns = ChildPresence.Absent, JobObservation? deploy = null, params JobObservation[] probes) =>
        new(run, ns, deploy, probes.ToDictionary(p => p.Name));

    /// <summary>A termination message as netra-probes writes it, for scenarios passing all their cases or failing one.</summary>
    public static string Message(params (string Scenario, int Passed, int Failed)[] scenarios)
    {
        var counts = scenarios.Select(s => new TerminationMessage.Scenario(s.Scenario, 100, new TerminationMessage.Counts(s.Passed + s.Failed, s.Passed, s.Failed, 0, 0))).ToList();
        var failures = scenarios.Where(s => s.Failed > 0).Select(s => new TerminationMessage.FailedCase($"{s.Scenario}/some-case", CaseOutcome.Failed, "expected 1, got 2")).ToList();
        var total = new TerminationMessage.Counts(counts.Sum(c => c.Counts.Total), counts.Sum(c => c.Counts.Passed), counts.Sum(c => c.Counts.Failed), 0, 0);
        return TerminationMessage.Serialize(new TerminationMessage.Summary(total, counts, failures, false));
    }

    /// <summary>A termination message with the full report packed beside the summary, as a probe pod of one scenario leaves it.</summary>
    public static string MessageWithReport(string scenario, int passed)
    {
        var cases = string.Join(",", Enumerable.Range(1, passed).Select(i =>
            $$"""{"id":"{{scenario}}/case-{{i}}","description":"d","result":"passed","duration_ms":{{i}},"message":null}"""));
        var report = $$"""
            {"started_at":"2026-11-24T12:00:00Z","duration_ms":9,"summary":{"total":{{passed}},"passed":{{passed}},"failed":0,"skipped":0,"errors":0},
             "scenarios":[{"name":"{{scenario}}","duration_ms":9,"summary":{"total":{{passed}},"passed":{{passed}},"failed":0,"skipped":0,"errors":0},"cases":[{{cases}}]}]}
            """;
        var summary = TerminationMessage.Parse(Message((scenario, passed, 0)))!;
        return TerminationMessage.Serialize(summary with { Report = PackedReport.Pack(report) });
    }

    /// <summary>A termination message of probes whose preflight ended the run before any case.</summary>
    public static string Aborted(string reason) =>
        TerminationMessage.Serialize(new TerminationMessage.Summary(new TerminationMessage.Counts(0, 0, 0, 0, 0), [], [], false, reason));

    /// <summary>The probe Job of the scenario at <paramref name="index"/> in the spec, at an attempt.</summary>
    public static JobObservation Probe(TestRun run, int attempt, int index, JobProgress progress, string? message = null) =>
        new(ChildNames.ProbeJob(run, attempt, index), progress, message);

    private static TestRun Make(string mode, Action<TestRun>? change)
    {
        var run = new TestRun
        {
            Metadata = new() { Name = "smoke", NamespaceProperty = "team", Uid = Uid, Generation = 1, ResourceVersion = "1" },
            Spec = new TestRunSpec
            {
                Environment = new EnvironmentSpec { Mode = mode },
                Scenarios = ["thread-management", "auth-service-independence"],
                Cleanup = new CleanupSpec(),
            },
        };
        if (mode == EnvironmentModes.Ephemeral)
        {
            run.Metadata.Finalizers = [ChildNames.Finalizer];
        }

        change?.Invoke(run);
        return run;
    }

    public static TestRunStatus Started(string phase) => new() { Phase = phase, StartTime = Start, Environment = new EnvironmentStatus { Namespace = EnvironmentNamespace } };
}
