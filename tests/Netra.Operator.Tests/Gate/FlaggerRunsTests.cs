using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Tests.Gate;

/// <summary>One TestRun per canary and checksum, from a schedule's template, against the canary's endpoints.</summary>
public sealed class FlaggerRunsTests
{
    [Fact]
    public void The_same_canary_and_checksum_name_the_same_run_and_another_checksum_another()
    {
        var first = FlaggerRuns.Name("team", "backend", "7d9f5c");

        Assert.Equal(first, FlaggerRuns.Name("team", "backend", "7d9f5c"));
        Assert.NotEqual(first, FlaggerRuns.Name("team", "backend", "8e0a6d"));
        Assert.NotEqual(first, FlaggerRuns.Name("other", "backend", "7d9f5c"));
        Assert.StartsWith("flagger-backend-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_canary_name_is_cut_to_a_valid_name_that_still_tells_canaries_apart()
    {
        var a = FlaggerRuns.Name("team", new string('a', 100) + "-one", "1");
        var b = FlaggerRuns.Name("team", new string('a', 100) + "-two", "1");

        Assert.True(a.Length <= 63, a);
        Assert.True(GateApi.IsName(a), a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_run_copies_the_template_tests_the_checksum_and_probes_the_canarys_endpoints()
    {
        var schedule = new TestRunSchedule
        {
            Metadata = new V1ObjectMeta { Name = "smoke", NamespaceProperty = "team" },
            Spec = new TestRunScheduleSpec
            {
                Template = new TestRunSpec
                {
                    Scenarios = ["thread-management"],
                    Environment = new EnvironmentSpec
                    {
                        Mode = EnvironmentModes.Existing,
                        Endpoints = new EndpointsSpec
                        {
                            AuthUrl = "http://auth", BackendUrl = "http://backend", AgentUrl = "http://agent",
                        },
                    },
                },
            },
        };
        var canary = new FlaggerPayload
        {
            Name = "backend",
            Namespace = "team",
            Checksum = "7d9f5c",
            Metadata = new() { ["schedule"] = "smoke", ["backendUrl"] = "http://backend-canary.team:8080" },
        };

        var run = FlaggerRuns.Create(canary, schedule);

        Assert.Equal(FlaggerRuns.Name("team", "backend", "7d9f5c"), run.Metadata.Name);
        var labels = run.Metadata.Labels;
        Assert.Equal(("backend", "7d9f5c"), (labels[FlaggerRuns.CanaryLabel], labels[FlaggerRuns.ChecksumLabel]));
        Assert.Equal("7d9f5c", run.Spec.Revision);
        Assert.Equal(["thread-management"], run.Spec.Scenarios!);
        var endpoints = run.Spec.Environment.Endpoints!;
        Assert.Equal(
            ("http://auth", "http://backend-canary.team:8080", "http://agent"),
            (endpoints.AuthUrl, endpoints.BackendUrl, endpoints.AgentUrl));
        Assert.Equal("http://backend", schedule.Spec.Template.Environment.Endpoints!.BackendUrl);
    }
}
