using System.Text.Json;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;
using Netra.Testing;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// The gate as Flagger's webhooks call it: the gating hooks start one TestRun per canary and checksum from the
/// schedule named in the metadata, against the canary's endpoints, and hold the canary until it passed.
/// </summary>
[Collection(GateDefinition.Name)]
public sealed class FlaggerGateTests(GateFixture bed)
{
    [Fact]
    public async Task Pre_rollout_starts_one_run_holds_while_it_runs_and_advances_once_it_passed()
    {
        await bed.CreateScheduleAsync("flagger-smoke");
        var first = await CallAsync("pre-rollout", "backend", "a1b2c3");
        var again = await CallAsync("pre-rollout", "backend", "a1b2c3");
        var promotion = await CallAsync("confirm-promotion", "backend", "a1b2c3");

        Assert.Equal((409, 409, 409), (first.StatusCode, again.StatusCode, promotion.StatusCode));
        var name = first.Json.GetProperty("name").GetString()!;
        Assert.Equal(Verdicts.InProgress, first.Json.GetProperty("verdict").GetString());
        var runs = await bed.ListRunsAsync($"{FlaggerRuns.CanaryLabel}=backend");
        var run = Assert.Single(runs);
        Assert.Equal((name, "a1b2c3"), (run.Metadata.Name, run.Spec.Revision));
        Assert.Equal("http://backend-canary.gate-team:8080", run.Spec.Environment.Endpoints!.BackendUrl);

        await bed.WriteStatusAsync(name, Phases.Succeeded, ("thread-management", ScenarioResults.Passed));
        await Eventually.WaitUntilAsync(async () => (await CallAsync("confirm-promotion", "backend", "a1b2c3")).Passed,
            "confirm-promotion passes within 2 s of the run's end", TimeSpan.FromSeconds(2));
        Assert.Equal(409, (await CallAsync("rollback", "backend", "a1b2c3")).StatusCode);
        Assert.True((await CallAsync("post-rollout", "backend", "a1b2c3")).Passed);
    }

    [Fact]
    public async Task A_failed_run_holds_the_canary_with_the_failing_scenarios_and_the_rollback_hook_rolls_it_back()
    {
        await bed.CreateScheduleAsync("flagger-failing");
        var started = await CallAsync("rollout", "agent", "d4e5f6", "flagger-failing");
        var name = started.Json.GetProperty("name").GetString()!;

        await bed.WriteStatusAsync(name, Phases.Failed,
            ("thread-management", ScenarioResults.Failed),
            ("auth-token-refresh", ScenarioResults.Failed),
            ("auth-service-independence", ScenarioResults.Passed));
        var held = await CallAsync("rollout", "agent", "d4e5f6", "flagger-failing");
        var rollback = await CallAsync("rollback", "agent", "d4e5f6", "flagger-failing");

        Assert.Equal((false, 422), (held.Passed, held.StatusCode));
        var failed = held.Json.GetProperty("failed_scenarios").EnumerateArray().Select(s => s.GetString());
        Assert.Equal(["thread-management", "auth-token-refresh"], failed);
        Assert.True(rollback.Passed);
    }

    [Fact]
    public async Task A_new_checksum_starts_a_new_run()
    {
        await bed.CreateScheduleAsync("flagger-checksums");
        var first = await CallAsync("pre-rollout", "auth", "111111", "flagger-checksums");
        var second = await CallAsync("pre-rollout", "auth", "222222", "flagger-checksums");

        Assert.NotEqual(first.Json.GetProperty("name").GetString(), second.Json.GetProperty("name").GetString());
        Assert.Equal(2, (await bed.ListRunsAsync($"{FlaggerRuns.CanaryLabel}=auth")).Count);
    }

    [Fact]
    public async Task Hooks_that_only_read_start_nothing()
    {
        var rollback = await CallAsync("rollback", "nothing-yet", "333333");
        var postRollout = await CallAsync("post-rollout", "nothing-yet", "333333");

        Assert.Equal((409, 404), (rollback.StatusCode, postRollout.StatusCode));
        Assert.Empty(await bed.ListRunsAsync($"{FlaggerRuns.CanaryLabel}=nothing-yet"));
    }

    [Fact]
    public async Task A_gating_hook_without_a_schedule_in_its_metadata_says_what_is_missing()
    {
        var outcome = await FlaggerCaller.CallAsync(bed.Gate.Address, "pre-rollout", "frontend", GateFixture.Team, "Progressing", "444444",
            new Dictionary<string, string> { ["token"] = bed.TenantToken });

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("'schedule'", outcome.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bed.TenantToken, outcome.Body, StringComparison.Ordinal);
    }

    private Task<FlaggerCaller.Outcome> CallAsync(string hook, string canary, string checksum, string schedule = "flagger-smoke") =>
        FlaggerCaller.CallAsync(bed.Gate.Address, hook, canary, GateFixture.Team, "Progressing", checksum, new Dictionary<string, string>
        {
            ["schedule"] = schedule,
            ["backendUrl"] = $"http://{canary}-canary.{GateFixture.Team}:8080",
            ["token"] = bed.TenantToken,
        });
}
