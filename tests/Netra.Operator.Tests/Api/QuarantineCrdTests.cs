using System.Text.Json.Nodes;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.Api;

/// <summary>The TestRun CRD bounds spec.quarantine as the API server should enforce it, and knows the Flaky result.</summary>
public sealed class QuarantineCrdTests
{
    private static readonly JsonObject Schema =
        YamlNodes.Load(File.ReadAllText(Path.Combine(Repository.Root, "crds", "testruns.netra.io.yaml")))!
            ["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    [Fact]
    public void Quarantine_is_at_most_ten_entries_of_a_known_scenario_a_date_time_and_a_short_reason()
    {
        var quarantine = Schema["properties"]!["spec"]!["properties"]!["quarantine"]!;
        var entry = quarantine["items"]!;

        Assert.Equal("array", (string?)quarantine["type"]);
        Assert.Equal(10, (double?)quarantine["maxItems"]);
        Assert.Equal(["scenario", "until"], entry["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(ScenarioNames.All, entry["properties"]!["scenario"]!["enum"]!.AsArray().Select(n => (string)n!));
        var until = entry["properties"]!["until"]!;
        Assert.Equal(("string", "date-time"), ((string?)until["type"], (string?)until["format"]));
        Assert.Equal(256, (double?)entry["properties"]!["reason"]!["maxLength"]);
    }

    [Fact]
    public void A_scenario_status_may_be_flaky_and_quarantined()
    {
        var scenario = Schema["properties"]!["status"]!["properties"]!["scenarios"]!["items"]!["properties"]!;

        Assert.Equal(["Passed", "Flaky", "Failed", "Skipped", "NotRun"], scenario["result"]!["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("boolean", (string?)scenario["quarantined"]!["type"]);
    }
}
