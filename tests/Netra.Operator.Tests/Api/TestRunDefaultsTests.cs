using System.Text.Json.Nodes;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;
using Netra.Probes.Scenarios;
using YamlDotNet.Serialization;

namespace Netra.Operator.Tests.Api;

/// <summary>The CRD schema and the operator fill the same defaults and know the same scenarios.</summary>
public sealed class TestRunDefaultsTests
{
    private static readonly JsonNode SpecSchema = LoadSpecSchema();

    private static JsonNode LoadSpecSchema()
    {
        var path = Path.Combine(Repository.Root, "crds", "testruns.netra.io.yaml");
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(File.ReadAllText(path));
        var crd = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(yaml))!;
        return crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!;
    }

    [Fact]
    public void Scalar_defaults_match_the_schema()
    {
        Assert.Equal(TestRunDefaults.Mode, (string?)SpecSchema["environment"]!["properties"]!["mode"]!["default"]);
        Assert.Equal(TestRunDefaults.Parallelism, (int?)SpecSchema["parallelism"]!["default"]);
        Assert.Equal(TestRunDefaults.Timeout, (string?)SpecSchema["timeout"]!["default"]);
        Assert.Equal(TestRunDefaults.Retries, (int?)SpecSchema["retries"]!["default"]);
        Assert.Equal(TestRunDefaults.CleanupPolicy, (string?)SpecSchema["cleanup"]!["properties"]!["policy"]!["default"]);
        Assert.Equal(TestRunDefaults.TtlSecondsAfterFinished, (int?)SpecSchema["cleanup"]!["properties"]!["ttlSecondsAfterFinished"]!["default"]);
    }

    [Fact]
    public void The_schema_knows_exactly_the_contract_scenarios_and_defaults_to_all_of_them()
    {
        var scenarios = SpecSchema["scenarios"]!;
        Assert.Equal(ScenarioNames.All, scenarios["items"]!["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(ScenarioNames.All, scenarios["default"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void The_schema_bounds_match_the_validation()
    {
        Assert.Equal(TestRunValidation.MaxParallelism, (int?)SpecSchema["parallelism"]!["maximum"]);
        Assert.Equal(TestRunValidation.MaxRetries, (int?)SpecSchema["retries"]!["maximum"]);
    }

    [Fact]
    public void Resolving_defaults_keeps_what_the_user_set_and_leaves_the_spec_as_it_was()
    {
        var spec = new TestRunSpec { Parallelism = 4, Scenarios = ["thread-management"], Cleanup = new() { Policy = "Never" } };

        var resolved = TestRunDefaults.Resolve(spec);

        Assert.Equal(4, resolved.Parallelism);
        Assert.Equal(["thread-management"], resolved.Scenarios);
        Assert.Equal("Never", resolved.CleanupPolicy);
        Assert.Equal(TestRunDefaults.TtlSecondsAfterFinished, resolved.CleanupTtlSeconds);
        Assert.Equal(TestRunDefaults.Mode, resolved.Mode);
        Assert.Equal(TestRunDefaults.Timeout, resolved.Timeout);
        Assert.Equal(TestRunDefaults.Retries, resolved.Retries);
        Assert.Null(spec.Environment.Mode);
        Assert.Null(spec.Cleanup.TtlSecondsAfterFinished);
        Assert.Null(spec.Timeout);
    }

    [Fact]
    public void An_absent_or_empty_scenario_list_means_every_scenario()
    {
        Assert.Equal(TestRunDefaults.Scenarios, TestRunDefaults.Resolve(new TestRunSpec()).Scenarios);
        Assert.Equal(TestRunDefaults.Scenarios, TestRunDefaults.Resolve(new TestRunSpec { Scenarios = [] }).Scenarios);
    }

    [Fact]
    public void The_operator_chart_ships_the_same_crd() =>
        Assert.Equal(
            File.ReadAllText(Path.Combine(Repository.Root, "crds", "testruns.netra.io.yaml")),
            File.ReadAllText(Path.Combine(Repository.Root, "charts", "netra-operator", "crds", "testruns.netra.io.yaml")));
}
