using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;
using Netra.Probes.Tests.Support;

namespace Netra.Probes.Tests;

/// <summary>Every scenario, run in process against the three services, reports the pods that answered it.</summary>
[Collection(LiveServices.Name)]
public sealed class AnsweredByLiveTests
{
    private const string AuthPod = "netra-auth-6f7d9c5b8-x2k8q";

    [Fact]
    public async Task Each_scenario_names_only_the_pods_of_the_services_it_reached_POD_NAME_or_else_the_machine_name()
    {
        await using var services = await ServiceTrio.StartProbeEnvironmentAsync(authPodName: AuthPod);
        using var http = UnansweredRequestGuard.CreateClient();
        var context = new ProbeContext(services.Targets, ProbeCredentials.DevelopmentSeed, http, ProbeProfiles.Full);

        var report = await new ProbeRunner(context, new NoObserver(), TimeSpan.FromSeconds(30))
            .RunAsync(ScenarioCatalog.All, parallelism: 10, CancellationToken.None);

        Assert.True(report.Succeeded, string.Join("\n", report.Scenarios.SelectMany(s => s.Cases)
            .Where(c => c.Outcome != CaseOutcome.Passed).Select(c => $"{c.Id}: {c.Outcome} {c.Message}")));
        var expected = new Dictionary<string, string>
        {
            ["auth"] = AuthPod, ["backend"] = Environment.MachineName, ["agent"] = Environment.MachineName,
        };
        using var json = JsonDocument.Parse(JsonReport.Serialize(report));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in json.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            var name = scenario.GetProperty("name").GetString();
            Assert.True(scenario.TryGetProperty("answered_by", out var answeredBy), $"{name} has no answered_by");
            var named = answeredBy.EnumerateObject()
                .SelectMany(service => service.Value.EnumerateArray().Select(pod => (Service: service.Name, Pod: pod.GetString()!)))
                .ToList();
            Assert.NotEmpty(named);
            Assert.All(named, n => Assert.Equal(expected[n.Service], n.Pod));
            seen.UnionWith(named.Select(n => n.Service));
        }

        // The probes reach the backend over WebSockets only: its names come from the upgrade's 101.
        Assert.Equal(expected.Keys.Order(), seen.Order());
    }
}
