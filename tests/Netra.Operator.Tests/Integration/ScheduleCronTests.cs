using System.Net;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// TestRunSchedules on a cron schedule of seconds, on the test control plane: runs start on time, the concurrency
/// policies hold (the kubelet paused keeps a run active), the history limits delete the oldest runs, and the CRD
/// refuses a schedule that is no cron expression.
/// </summary>
public sealed class ScheduleCronTests(OperatorTestBedFixture bed) : WithOperator(bed, "cron")
{
    [Fact]
    public async Task A_schedule_of_seconds_creates_its_runs_on_time()
    {
        var ns = await Bed.CreateNamespaceAsync("cron");
        await Bed.CreateFailingScheduleAsync(ns, "every-two", "*/2 * * * * *", ConcurrencyPolicies.Allow);

        IReadOnlyList<TestRun> runs = [];
        await Eventually.WaitUntilAsync(
            async () => (runs = await Bed.ScheduledRunsAsync(ns, "every-two")).Count >= 2, "two runs", OperatorTestBed.Deadline);
        await Bed.PatchScheduleSpecAsync(ns, "every-two", """{"suspend": true}""");

        foreach (var run in runs)
        {
            var fired = ScheduleBed.FiredAt(run);
            Assert.Equal(0, fired.Second % 2);
            var created = new DateTimeOffset(DateTime.SpecifyKind(run.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc));
            // On time: created within the API server round trips a busy machine may take, not a schedule late.
            Assert.InRange(created - fired, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10));
            Assert.Equal("Schedule", run.Metadata.Labels[Core.Schedules.ScheduledRuns.TriggerLabel]);
        }

        var schedule = await Bed.ReadScheduleAsync(ns, "every-two");
        Assert.NotNull(schedule.Status?.LastScheduleTime);
        Assert.Contains("RunStarted", await Bed.ScheduleEventReasonsAsync(ns, "every-two"));
    }

    [Fact]
    public async Task Forbid_queues_a_run_due_while_one_is_active_and_starts_it_once_that_one_finished()
    {
        var ns = await Bed.CreateNamespaceAsync("forbid");
        Bed.Kubelet.Pause();
        try
        {
            await Bed.CreateFailingScheduleAsync(
                ns, "one-at-a-time", "*/2 * * * * *", ConcurrencyPolicies.Forbid, "failedRunsHistoryLimit: 5");

            var queued = await Bed.WaitForScheduleAsync(ns, "one-at-a-time", s => s.Status?.QueuedTrigger is not null, "a queued trigger");
            var first = Assert.Single(await Bed.ScheduledRunsAsync(ns, "one-at-a-time"));
            Assert.Equal("Queued", queued.Status!.Conditions.Find(ConditionTypes.Ready)?.Reason);

            await Bed.Kubelet.ResumeAsync();
            await Bed.WaitForPhaseAsync(ns, first.Metadata.Name, Phases.Failed);
            await Eventually.WaitUntilAsync(
                async () => (await Bed.ScheduledRunsAsync(ns, "one-at-a-time")).Count >= 2,
                "the queued run started",
                OperatorTestBed.Deadline);
            await Bed.PatchScheduleSpecAsync(ns, "one-at-a-time", """{"suspend": true}""");

            var runs = await Bed.ScheduledRunsAsync(ns, "one-at-a-time");
            var second = runs.Where(r => r.Metadata.Name != first.Metadata.Name).OrderBy(ScheduleBed.FiredAt).First();
            Assert.True(ScheduleBed.FiredAt(second) > ScheduleBed.FiredAt(first));
            var firstEnded = (await Bed.ReadRunAsync(ns, first.Metadata.Name))?.Status?.CompletionTime;
            var secondCreated = new DateTimeOffset(DateTime.SpecifyKind(second.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc));
            Assert.True(
                firstEnded is null || secondCreated >= firstEnded.Value.AddSeconds(-1), "the second run started after the first ended");
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    [Fact]
    public async Task Replace_deletes_the_active_run_and_starts_the_new_one()
    {
        var ns = await Bed.CreateNamespaceAsync("replace");
        Bed.Kubelet.Pause();
        try
        {
            await Bed.CreateFailingScheduleAsync(ns, "newest-wins", "*/3 * * * * *", ConcurrencyPolicies.Replace);

            IReadOnlyList<TestRun> runs = [];
            await Eventually.WaitUntilAsync(
                async () => (runs = await Bed.ScheduledRunsAsync(ns, "newest-wins")).Count >= 1, "a first run", OperatorTestBed.Deadline);
            var first = runs[0].Metadata.Name;
            await Eventually.WaitUntilAsync(
                async () => await Bed.ReadRunAsync(ns, first) is null && (await Bed.ScheduledRunsAsync(ns, "newest-wins")).Count >= 1,
                "the first run replaced by a newer one",
                OperatorTestBed.Deadline);
            await Bed.PatchScheduleSpecAsync(ns, "newest-wins", """{"suspend": true}""");

            Assert.Contains(await Bed.ScheduledRunsAsync(ns, "newest-wins"), r => ScheduleBed.FiredAt(r) > ScheduleBed.FiredAt(runs[0]));
            await Eventually.WaitUntilAsync(
                async () => (await Bed.ScheduleEventReasonsAsync(ns, "newest-wins")).Contains("RunReplaced"),
                "RunReplaced event",
                OperatorTestBed.Deadline);
        }
        finally
        {
            await Bed.Kubelet.ResumeAsync();
        }
    }

    [Fact]
    public async Task History_limits_delete_the_oldest_runs_and_the_results_keep_them()
    {
        var ns = await Bed.CreateNamespaceAsync("history");
        await Bed.CreateFailingScheduleAsync(ns, "keep-two", "*/2 * * * * *", ConcurrencyPolicies.Allow, "failedRunsHistoryLimit: 2");

        await Bed.WaitForScheduleAsync(ns, "keep-two", s => s.Status?.Results.Count >= 4, "four results", TimeSpan.FromSeconds(120));
        await Bed.PatchScheduleSpecAsync(ns, "keep-two", """{"suspend": true}""");
        var settled = await Bed.WaitForScheduleAsync(
            ns,
            "keep-two",
            s => s.Status is { Active.Count: 0 } status && status.Conditions.Find(ConditionTypes.Ready)?.Reason == "Suspended",
            "suspended with no run active");
        var newest = settled.Status!.Results.Take(2).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

        await Eventually.WaitUntilAsync(
            async () => (await Bed.ScheduledRunsAsync(ns, "keep-two")).Select(r => r.Metadata.Name).SequenceEqual(newest),
            $"only the newest two runs left ({string.Join(", ", newest)})",
            OperatorTestBed.Deadline);
        var schedule = await Bed.ReadScheduleAsync(ns, "keep-two");
        Assert.True(schedule.Status!.Results.Count >= 4);
        Assert.Equal(0, schedule.Status.PassRate);
        Assert.Contains("RunFailed", await Bed.ScheduleEventReasonsAsync(ns, "keep-two"));
    }

    [Theory]
    [InlineData("every five minutes")]
    [InlineData("* * *")]
    public async Task The_api_server_refuses_a_schedule_that_is_no_cron_expression(string cron)
    {
        var ns = await Bed.CreateNamespaceAsync("invalid");

        var refused = await Assert.ThrowsAsync<HttpOperationException>(
            () => Bed.CreateFailingScheduleAsync(ns, "bad", cron, ConcurrencyPolicies.Forbid));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("spec.schedule", refused.Response.Content, StringComparison.Ordinal);
    }
}
