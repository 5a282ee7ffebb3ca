using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Tests.Integration;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// The operator as its image runs it reads a TestRunSchedule's <c>timeZone</c> with the time-zone data the image
/// carries: the next run it announces is the one this machine's own zone data gives.
/// </summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class ScheduleTimeZoneTests(ClusterFixture cluster)
{
    private const string Cron = "0 3 * * *";
    private const string Zone = "Europe/Paris";

    [Fact]
    public async Task A_schedule_in_a_named_time_zone_is_scheduled_by_the_images_own_zone_data()
    {
        var ns = await cluster.CreateNamespaceAsync("zone");
        await cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            Netra.Charts.YamlNodes.Load($$"""
                apiVersion: netra.io/v1alpha1
                kind: TestRunSchedule
                metadata: {name: nightly}
                spec:
                  schedule: "{{Cron}}"
                  timeZone: {{Zone}}
                  template:
                    scenarios: [auth-service-independence]
                    environment: {mode: Existing, endpoints: {{ClusterFixture.Endpoints}}}
                """)!,
            TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural);

        TestRunCondition? ready = null;
        await Eventually.WaitUntilAsync(
            async () => (ready = (await cluster.Admin.ReadScheduleAsync(ns, "nightly")).Status?.Conditions.Find(ConditionTypes.Ready)) is not null,
            "the schedule's Ready condition",
            ClusterFixture.Deadline);

        var next = CronSchedule.Parse(Cron, Zone).Schedule!.Next(DateTimeOffset.UtcNow)!.Value;
        Assert.True(ready!.Reason == "Scheduled", $"{ready.Reason}: {ready.Message}");
        Assert.Equal($"Next run at {next.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.", ready.Message);
    }
}
