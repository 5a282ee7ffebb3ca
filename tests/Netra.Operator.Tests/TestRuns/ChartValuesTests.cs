using System.Text.Json.Nodes;
using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.Operator.Tests.TestRuns;

public sealed class ChartValuesTests
{
    private static readonly ServiceUrls Urls = ServiceUrls.InNamespace("netra-run-1");

    [Fact]
    public void A_disposable_environment_gets_the_demo_accounts_and_the_probe_settings()
    {
        var values = ChartValues.Backend(null, Urls);

        Assert.Equal("Development", (string?)values[ChartValues.EnvironmentKey]);
        var config = values[ChartValues.ConfigKey]!.AsObject();
        Assert.Equal("http://netra-agent.netra-run-1.svc", (string?)config["Services__AgentUrl"]);
        Assert.Equal("00:00:00.500", (string?)config["Backend__AuthRecheckInterval"]);
    }

    [Fact]
    public void The_runs_values_win_key_by_key_and_read_back_as_service_arguments()
    {
        var spec = JsonNode.Parse("""{"replicaCount": 2, "config": {"Agent__FaultInjection__Enabled": "false"}}""")!.AsObject();

        var values = ChartValues.Agent(spec, Urls);

        Assert.Equal(2, (int?)values["replicaCount"]);
        var arguments = ChartValues.ToArguments(values);
        Assert.Contains("--Agent:FaultInjection:Enabled=false", arguments);
        Assert.Contains("--Services:AuthUrl=http://netra-auth.netra-run-1.svc", arguments);
    }
}
