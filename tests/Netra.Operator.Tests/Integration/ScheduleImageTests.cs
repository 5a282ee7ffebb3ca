using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The compiled image (no JIT to fall back on) runs TestRunSchedules too: it reads them, creates their runs, writes
/// their status and counts what it did on /metrics.
/// </summary>
public sealed class ScheduleImageTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task The_compiled_image_starts_a_schedules_runs_and_records_their_results()
    {
        var binary = Repository.OperatorImageBinary;
        Assert.True(File.Exists(binary), $"{binary} is missing: run `dotnet publish src/OperatorImage -c Release`.");
        var port = ControlPlane.FreeLoopbackPort();
        await using var process = bed.StartOperatorProcess($"image-{Guid.NewGuid():N}"[..20], "image", port, binary);
        var ns = await bed.CreateNamespaceAsync("image-schedule");

        await bed.CreateFailingScheduleAsync(ns, "compiled", "*/2 * * * * *", ConcurrencyPolicies.Forbid);
        var schedule = await bed.WaitForScheduleAsync(ns, "compiled", s => s.Status?.Results.Count >= 1, "a result recorded");
        await bed.PatchScheduleSpecAsync(ns, "compiled", """{"suspend": true}""");

        Assert.Equal(Phases.Failed, schedule.Status!.Results[0].Phase);
        Assert.Equal(0, schedule.Status.PassRate);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Contains($"netra_testrunschedule_runs_started_total{{namespace=\"{ns}\",schedule=\"compiled\",trigger=\"Schedule\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains($"netra_testrunschedule_verdicts_total{{namespace=\"{ns}\",schedule=\"compiled\",phase=\"Failed\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains($"netra_testrunschedule_pass_ratio{{namespace=\"{ns}\",schedule=\"compiled\"}} 0", metrics, StringComparison.Ordinal);
    }
}
