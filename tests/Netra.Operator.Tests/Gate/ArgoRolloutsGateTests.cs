using System.Net.Http.Json;
using System.Text.Json;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;
using Netra.Testing;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// The gate as Argo Rollouts' web metric provider (and Kargo's verification) asks it, with the AnalysisTemplate the
/// repository ships: a run in progress is inconclusive, a passing one a success, a failing one a failure naming its
/// failed scenarios; the answer changes as soon as the operator wrote the run's end.
/// </summary>
[Collection(GateDefinition.Name)]
public sealed class ArgoRolloutsGateTests(GateFixture bed)
{
    private const string ScheduleUrl =
        "https://gate/v1/namespaces/{{args.namespace}}/testrunschedules/{{args.schedule}}?revision={{args.revision}}";

    private readonly ArgoWebMetric _metric = ArgoWebMetric.Load();

    [Fact]
    public async Task The_releases_run_is_inconclusive_while_it_runs_then_a_success_once_it_passed()
    {
        await bed.CreateExistingRunAsync("argo-passing");
        var args = Args("argo-passing");
        Assert.Equal("Inconclusive", (await _metric.MeasureAsync(bed.Gate.Address, args)).Phase);

        await bed.WriteStatusAsync("argo-passing", Phases.Probing);
        var (probing, result) = await _metric.MeasureAsync(bed.Gate.Address, args);
        Assert.Equal(
            ("Inconclusive", "abc123", Phases.Probing),
            (probing, result.GetProperty("revision").GetString(), result.GetProperty("phase").GetString()));

        await bed.WriteStatusAsync("argo-passing", Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        await MeasuredWithinTwoSecondsAsync(args, "Successful");
    }

    [Fact]
    public async Task A_failing_run_is_a_failure_naming_the_failed_scenarios_and_where_the_report_is()
    {
        await bed.CreateExistingRunAsync("argo-failing");
        await bed.WriteStatusAsync("argo-failing", Phases.Probing);
        var args = Args("argo-failing");
        Assert.Equal("Inconclusive", (await _metric.MeasureAsync(bed.Gate.Address, args)).Phase);

        await bed.WriteStatusAsync("argo-failing", Phases.Failed,
            ("thread-management", ScenarioResults.Failed), ("auth-service-independence", ScenarioResults.Passed));
        var result = await MeasuredWithinTwoSecondsAsync(args, "Failed");

        Assert.Equal(["thread-management"], result.GetProperty("failed_scenarios").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal($"netra-operator results argo-failing -n {GateFixture.Team}", result.GetProperty("report").GetString());
        Assert.False(result.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_run_that_does_not_exist_is_an_error_measurement()
    {
        Assert.Equal("Error", (await _metric.MeasureAsync(bed.Gate.Address, Args("argo-never-created"))).Phase);
    }

    [Fact]
    public async Task A_schedules_run_for_a_revision_is_inconclusive_until_there_is_one_and_it_ended()
    {
        var schedule = await bed.CreateScheduleAsync("argo-schedule");
        var args = new Dictionary<string, string>(Args("unused")) { ["schedule"] = "argo-schedule", ["revision"] = "0.2.0" };
        var (none, nothing) = await _metric.MeasureAsync(bed.Gate.Address, args, ScheduleUrl);
        Assert.Equal(("Inconclusive", GateVerdicts.NotStartedPhase), (none, nothing.GetProperty("phase").GetString()));

        var run = await bed.CreateScheduledRunAsync(schedule, "0.2.0", DateTimeOffset.UtcNow);
        // An older run of another revision that failed does not answer for this one.
        var older = await bed.CreateScheduledRunAsync(schedule, "0.1.0", DateTimeOffset.UtcNow.AddMinutes(-5));
        await bed.WriteStatusAsync(older.Metadata.Name, Phases.Failed, ("thread-management", ScenarioResults.Failed));
        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Probing);
        var (probing, result) = await _metric.MeasureAsync(bed.Gate.Address, args, ScheduleUrl);
        Assert.Equal(("Inconclusive", run.Metadata.Name), (probing, result.GetProperty("name").GetString()));

        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        Assert.Equal("Successful", (await _metric.MeasureAsync(bed.Gate.Address, args, ScheduleUrl)).Phase);
    }

    [Fact]
    public async Task The_verdict_deserializes_into_the_gates_own_type()
    {
        await bed.CreateExistingRunAsync("argo-typed");
        await bed.WriteStatusAsync("argo-typed", Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        using var client = bed.Client(bed.TenantToken);

        var verdict = await client.GetFromJsonAsync(
            $"/v1/namespaces/{GateFixture.Team}/testruns/argo-typed", GateJson.Default.GateVerdict);

        Assert.Equal((Verdicts.Passed, true, "abc123"), (verdict!.Verdict, verdict.Passed, verdict.Revision));
    }

    [Fact]
    public void The_shipped_template_succeeds_on_passed_and_fails_on_failed()
    {
        Assert.Equal(
            ("result.verdict == \"Passed\"", "result.verdict == \"Failed\""), (_metric.SuccessCondition, _metric.FailureCondition));
    }

    /// <summary>
    /// Measures until <paramref name="phase"/>, failing if the run's end, just written, takes the gate more than 2 s to show.
    /// </summary>
    private async Task<JsonElement> MeasuredWithinTwoSecondsAsync(IReadOnlyDictionary<string, string> args, string phase)
    {
        (string Phase, JsonElement Result) measured = default;
        await Eventually.WaitUntilAsync(async () => (measured = await _metric.MeasureAsync(bed.Gate.Address, args)).Phase == phase,
            $"a {phase} measurement", TimeSpan.FromSeconds(2));
        return measured.Result;
    }

    private Dictionary<string, string> Args(string testRun) => new()
    {
        ["namespace"] = GateFixture.Team,
        ["testrun"] = testRun,
        ["gate-token"] = bed.TenantToken,
    };
}
