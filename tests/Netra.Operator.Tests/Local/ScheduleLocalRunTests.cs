using System.Text.Json;
using Netra.Operator.Core;
using Netra.Operator.Local;
using Netra.Testing;

namespace Netra.Operator.Tests.Local;

/// <summary><c>netra-operator run</c> of a TestRunSchedule runs its template once, as the TestRun it would create.</summary>
public sealed class ScheduleLocalRunTests
{
    private const string Schedule = """
        apiVersion: netra.io/v1alpha1
        kind: TestRunSchedule
        metadata: {name: nightly, namespace: smoke}
        spec:
          schedule: "0 3 * * *"
          triggers:
            rollouts:
              selector: {matchLabels: {app.kubernetes.io/part-of: netra}}
          template:
            scenarios: [auth-service-independence]
            parallelism: 1
        """;

    [Fact]
    public void The_manifest_of_a_schedule_is_its_template_named_after_it()
    {
        var run = TestRunManifest.Parse(Schedule, "schedule.yaml");

        Assert.Equal(("nightly", "smoke"), (run.Metadata.Name, run.Metadata.NamespaceProperty));
        Assert.Equal(["auth-service-independence"], run.Spec.Scenarios);
    }

    [Fact]
    public void A_field_a_schedule_does_not_have_is_refused_as_kubectl_would()
    {
        var refused = Assert.Throws<TestRunManifest.InvalidManifestException>(
            () => TestRunManifest.Parse(Schedule.Replace("  schedule:", "  scheduel:", StringComparison.Ordinal), "schedule.yaml"));

        Assert.Contains("unknown field \"spec.scheduel\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_a_schedule_runs_its_template_once_and_succeeds()
    {
        var temp = Directory.CreateTempSubdirectory("netra-schedule-temp-");
        try
        {
            var exit = await CommandProcess.RunAsync(
                "netra-operator",
                ["run", "-", "-o", "json"],
                TimeSpan.FromMinutes(2),
                new Dictionary<string, string> { ["TMPDIR"] = temp.FullName },
                Schedule);

            Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
            using var status = JsonDocument.Parse(exit.Stdout);
            Assert.Equal("Succeeded", status.RootElement.GetProperty("status").GetProperty("phase").GetString());
            Assert.Contains(exit.StderrLines, l => l.Contains("nightly", StringComparison.Ordinal));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
