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
    private readonly ArgoWebMetric _metric = ArgoWebMetric.Load();

    [Fact]
    public async Task A_schedules_run_for_the_revision_is_inconclusive_while_it_runs_then_a_success_once_it_passed()
    {
        var schedule = await bed.CreateScheduleAsync("argo-smoke");
        var args = Args("argo-smoke", "7c9d4b6f5");
        Assert.Equal("Inconclusive", (await _metric.MeasureAsync(bed.Gate.Address, args)).Phase);

        var run = await bed.CreateScheduledRunAsync(schedule, "7c9d4b6f5", DateTimeOffset.UtcNow);
        // An older run of another revision that failed does not answer for this one.
        var other = await bed.CreateScheduledRunAsync(schedule, "5b8e2a1c0", DateTimeOffset.UtcNow.AddMinutes(-5));
        await bed.WriteStatusAsync(other.Metadata.Name, Phases.Failed, ("thread-management", ScenarioResults.Failed));
        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Probing);
        var (probing, result) = await _metric.MeasureAsync(bed.Gate.Address, args);
        Assert.Equal("Inconclusive", probing);
        Assert.Equal((run.Metadata.Name, "7c9d4b6f5", Phases.Probing), (result.GetProperty("name").GetString(), result.GetProperty("revision").GetString(), result.GetProperty("phase").GetString()));

        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        await MeasuredWithinTwoSecondsAsync(args, "Successful");
    }

    [Fact]
    public async Task A_failing_run_is_a_failure_naming_the_failed_scenarios_and_where_the_report_is()
    {
        var schedule = await bed.CreateScheduleAsync("argo-failing");
        var run = await bed.CreateScheduledRunAsync(schedule, "9f1e3d2c1", DateTimeOffset.UtcNow);
        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Probing);
        var args = Args("argo-failing", "9f1e3d2c1");
        Assert.Equal("Inconclusive", (await _metric.MeasureAsync(bed.Gate.Address, args)).Phase);

        await bed.WriteStatusAsync(run.Metadata.Name, Phases.Failed,
            ("thread-management", ScenarioResults.Failed), ("auth-service-independence", ScenarioResults.Passed));
        var result = await MeasuredWithinTwoSecondsAsync(args, "Failed");

        Assert.Equal(["thread-management"], result.GetProperty("failedScenarios").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal($"netra-operator results {run.Metadata.Name} -n {GateFixture.Team}", result.GetProperty("report").GetString());
        Assert.False(result.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_testruns_verdict_is_read_by_name_too()
    {
        await bed.CreateExistingRunAsync("argo-by-name");
        await bed.WriteStatusAsync("argo-by-name", Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        using var client = bed.Client(bed.TenantToken);

        var verdict = await client.GetFromJsonAsync($"/v1/namespaces/{GateFixture.Team}/testruns/argo-by-name", GateJson.Default.GateVerdict);

        Assert.Equal((Verdicts.Passed, true, "abc123"), (verdict!.Verdict, verdict.Passed, verdict.Revision));
    }

    [Fact]
    public void The_shipped_template_succeeds_on_passed_and_fails_on_failed()
    {
        Assert.Equal(("result.verdict == \"Passed\"", "result.verdict == \"Failed\""), (_metric.SuccessCondition, _metric.FailureCondition));
    }

    /// <summary>Measures until <paramref name="phase"/>, failing if the run's end, just written, takes the gate more than 2 s to show.</summary>
    private async Task<JsonElement> MeasuredWithinTwoSecondsAsync(IReadOnlyDictionary<string, string> args, string phase)
    {
        (string Phase, JsonElement Result) measured = default;
        await Eventually.WaitUntilAsync(async () => (measured = await _metric.MeasureAsync(bed.Gate.Address, args)).Phase == phase,
            $"a {phase} measurement", TimeSpan.FromSeconds(2));
        return measured.Result;
    }

    private Dictionary<string, string> Args(string schedule, string revision) => new()
    {
        ["namespace"] = GateFixture.Team,
        ["schedule"] = schedule,
        ["revision"] = revision,
        ["gate-token"] = bed.TenantToken,
    };
}
