namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>The in-cluster addresses of the three services an Ephemeral run deploys, by their charts' Service names.</summary>
public sealed record ServiceUrls(string AuthUrl, string BackendUrl, string AgentUrl)
{
    public static ServiceUrls InNamespace(string ns) =>
        new($"http://netra-auth.{ns}.svc", $"http://netra-backend.{ns}.svc", $"http://netra-agent.{ns}.svc");
}
