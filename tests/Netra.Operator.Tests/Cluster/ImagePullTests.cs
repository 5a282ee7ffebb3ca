using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// The node runs the images the test command published with the SDK's PublishContainer to the loopback registry
/// (tests/cluster/images.sh), pulled by containerd through its ghcr.io mirror: each pod's image digest is the
/// registry's, and each image runs as a non-root user and carries the product's version label.
/// </summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class ImagePullTests(ClusterFixture cluster)
{
    /// <summary>The registry the node's containerd pulls ghcr.io from: the mirror tests/cluster/configs.sh gave it.</summary>
    private static readonly string Registry = Regex.Match(
        File.ReadAllText(Path.Combine(Netra.TestBed.OneNodeCluster.StateDirectory, "certs.d", "ghcr.io", "hosts.toml")),
        @"\[host\.""(?<url>http://[^""]+)""\]").Groups["url"].Value;
    private const string ManifestTypes =
        "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, " +
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";

    public static TheoryData<string, string> Pods => new()
    {
        { ClusterFixture.OperatorNamespace, "netra-operator" },
        { ClusterFixture.ServicesNamespace, "netra-auth" },
        { ClusterFixture.ServicesNamespace, "netra-backend" },
        { ClusterFixture.ServicesNamespace, "netra-agent" },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public async Task A_pod_runs_the_image_the_registry_holds(string ns, string image)
    {
        var pods = await cluster.Admin.CoreV1.ListNamespacedPodAsync(ns);
        var running = pods.Items.SelectMany(pod => pod.Status.ContainerStatuses ?? [])
            .Where(status => status.Image == OneNodeImage(image))
            .ToList();

        Assert.NotEmpty(running);
        var digest = await ManifestDigestAsync(image);
        Assert.All(running, status => Assert.Equal($"ghcr.io/netra/{image}@{digest}", status.ImageID));
    }

    [Theory]
    [InlineData("netra-operator")]
    [InlineData("netra-auth")]
    [InlineData("netra-probes")]
    public async Task An_image_runs_as_a_non_root_user_and_names_the_product_version(string image)
    {
        using var http = new HttpClient();
        var manifest = JsonNode.Parse(await ManifestAsync(http, image))!;
        var configDigest = (string)manifest["config"]!["digest"]!;
        var config = JsonNode.Parse(await http.GetStringAsync($"{Registry}/v2/netra/{image}/blobs/{configDigest}"))!["config"]!;

        Assert.NotEqual("0", ((string)config["User"]!).Split(':')[0]);
        Assert.NotEqual("root", (string)config["User"]!);
        Assert.Equal(Netra.TestBed.OneNodeCluster.ImageTag, (string)config["Labels"]!["org.opencontainers.image.version"]!);
    }

    private static string OneNodeImage(string name) => Netra.TestBed.OneNodeCluster.Image(name);

    private static async Task<string> ManifestDigestAsync(string image)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, ManifestUrl(image));
        request.Headers.Accept.ParseAdd(ManifestTypes);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private static async Task<string> ManifestAsync(HttpClient http, string image)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ManifestUrl(image));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static string ManifestUrl(string image) => $"{Registry}/v2/netra/{image}/manifests/{Netra.TestBed.OneNodeCluster.ImageTag}";
}
