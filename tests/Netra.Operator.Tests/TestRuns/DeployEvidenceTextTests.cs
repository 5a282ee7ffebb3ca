using Netra.Operator.Core.TestRuns.Evidence;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>The kept deploy evidence as people read it: helm's output first, then each pod.</summary>
public sealed class DeployEvidenceTextTests
{
    [Fact]
    public void Reads_in_sections_helm_output_then_each_pod()
    {
        const string kept = """
            {"helm_output":"Installing it now.\nError: context deadline exceeded\n","pods":[
             {"name":"netra-deploy-x","phase":"Failed","conditions":[],"containers":[{"name":"helm","state":"terminated","reason":"Error","exit_code":1,"message":"Error"}],"events":[],"log_unreadable":"no host"},
             {"name":"netra-backend-y","phase":"Pending","conditions":[{"type":"Ready","reason":"ContainersNotReady","message":"unready"}],
              "containers":[{"name":"backend","state":"waiting","reason":"ImagePullBackOff","message":"Back-off"}],
              "events":[{"type":"Warning","reason":"Failed","message":"Failed to pull","count":3,"last_seen":"2026-12-07T04:00:00Z"}],"log":"a\nb\n"}],
             "pods_left_out":2}
            """;

        Assert.Equal(
            [
                "helm output (the deploy pod's termination message):",
                "  Installing it now.",
                "  Error: context deadline exceeded",
                "pod netra-deploy-x: Failed",
                "  container helm: terminated (exit code 1): Error: Error",
                "  log not readable: no host",
                "pod netra-backend-y: Pending",
                "  condition Ready False: ContainersNotReady: unready",
                "  container backend: waiting: ImagePullBackOff: Back-off",
                "  event Warning Failed ×3, 2026-12-07T04:00:00Z: Failed to pull",
                "  log tail:",
                "    a",
                "    b",
                "2 more pod(s) not Ready left out.",
            ],
            DeployEvidenceText.Lines(kept));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    public void Evidence_edited_into_something_else_says_so_in_one_line(string kept)
    {
        Assert.StartsWith("The deploy evidence kept is not readable: ", Assert.Single(DeployEvidenceText.Lines(kept)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_says_so_in_one_line()
    {
        Assert.Equal(
            ["helm output: none (the deploy pod left no termination message).", "pod p: Pending", "  log: empty (nothing written, or the container never started)"],
            DeployEvidenceText.Lines("""{"pods":[{"name":"p","phase":"Pending","log":""}]}"""));
    }

    [Fact]
    public void No_helm_output_says_so()
    {
        Assert.Equal(["helm output: none (the deploy pod left no termination message)."], DeployEvidenceText.Lines("""{"pods":[]}"""));
    }
}
