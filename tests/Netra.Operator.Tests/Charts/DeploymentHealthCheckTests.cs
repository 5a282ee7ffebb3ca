namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The Argo CD health check for Deployments that rollout triggers verify (gitops/argocd/deployment-health/health.lua),
/// run by a real Lua interpreter on each fixture of its health_test.yaml: a failed verification of the current
/// revision is Degraded; one of an older revision, or none, leaves Argo CD's usual Deployment health.
/// </summary>
public sealed class DeploymentHealthCheckTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "gitops", "argocd", "deployment-health");

    public static TheoryData<string, string, string> Cases() => ArgoCdHealthCheckTests.Cases(Folder);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_health_of_each_fixture_is_the_expected_one(string input, string status, string message)
    {
        var resource = YamlNodes.Load(File.ReadAllText(Path.Combine(Folder, input)));

        var (actualStatus, actualMessage) = ArgoCdHealthCheckTests.Health(resource, Folder);

        Assert.Equal((status, message), (actualStatus, actualMessage));
    }

    [Fact]
    public void The_fixtures_cover_every_outcome_and_a_failed_older_revision()
    {
        var statuses = Cases().Select(row => (string)row[1]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["Degraded", "Healthy", "Progressing", "Suspended"], statuses);
        Assert.Contains(Cases(), row => (string)row[0] == "testdata/older-revision-failed.yaml" && (string)row[1] == "Healthy");
    }
}
