using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.TestBed;

/// <summary>
/// Stands in for a release of the three services into a namespace of the tests' own (the production an Existing run
/// probes at <c>http://netra-&lt;service&gt;.NS.svc</c>), as helm, the Deployments' controllers and the kubelet would leave
/// it, none of which run here: for each service a pod <c>netra-&lt;service&gt;-&lt;release&gt;</c> running the image given,
/// its status naming the image's digest (a stand-in digest: the sha256 of the image's name), and the services on
/// loopback answering as those pods (<c>Netra-Pod</c>), where <see cref="HelmStandIn.MapServiceUrl"/> sends the probes.
/// The previous release's pods and services go. An image containing <see cref="BrokenBuildMarker"/> stands in for a
/// broken build: auth issues the probe user tokens that expire at once, so that <c>auth-service-independence</c> fails its
/// <c>serves-whole-api</c> case while auth still answers.
/// </summary>
public sealed class ServiceRelease(IKubernetes admin, HelmStandIn helm)
{
    public const string BrokenBuildMarker = "broken-build";

    private static readonly string[] Services = ["auth", "backend", "agent"];

    /// <summary>The digest the stand-in kubelet reports for an image.</summary>
    public static string DigestOf(string image) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)));

    /// <summary>Release <paramref name="release"/> of the services, each at its image in <paramref name="images"/>.</summary>
    public async Task InstallAsync(string ns, int release, IReadOnlyDictionary<string, string> images, CancellationToken cancellationToken = default)
    {
        var previous = await admin.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "netra.io/release", cancellationToken: cancellationToken);
        var config = new Dictionary<string, JsonObject>();
        foreach (var service in Services)
        {
            var pod = $"netra-{service}-{release}";
            await StartPodAsync(ns, pod, service, images[service], cancellationToken);
            config[service] = new JsonObject { ["POD_NAME"] = pod };
        }

        if (images["auth"].Contains(BrokenBuildMarker, StringComparison.Ordinal))
        {
            config["auth"]["Auth__UserAccessTokenLifetimes__alice"] = "00:00:00.001";
            config["auth"]["Auth__ClockSkew"] = "00:00:00";
        }

        var urls = ServiceUrls.InNamespace(ns);
        JsonObject Values(string service) => new() { [ChartValues.ConfigKey] = config[service] };
        await helm.UpgradeAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = ChildNames.ValuesConfigMap, NamespaceProperty = ns },
                Data = new Dictionary<string, string>
                {
                    ["auth.json"] = ChartValues.Auth(Values("auth")).ToJsonString(),
                    ["agent.json"] = ChartValues.Agent(Values("agent"), urls).ToJsonString(),
                    ["backend.json"] = ChartValues.Backend(Values("backend"), urls).ToJsonString(),
                },
            },
            cancellationToken);
        foreach (var pod in previous.Items)
        {
            await admin.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, ns, gracePeriodSeconds: 0, cancellationToken: cancellationToken);
        }
    }

    private async Task StartPodAsync(string ns, string name, string service, string image, CancellationToken cancellationToken)
    {
        await admin.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = $"netra-{service}", ["netra.io/release"] = "stand-in" },
                },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = service, Image = image }] },
            },
            ns,
            cancellationToken: cancellationToken);
        var running = new JsonObject
        {
            ["name"] = service,
            ["image"] = image,
            ["imageID"] = $"{image.Split(':')[0]}@{DigestOf(image)}",
            ["ready"] = true,
            ["restartCount"] = 0,
            ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) } },
        };
        var status = new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running", ["containerStatuses"] = new JsonArray(running) } };
        await admin.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);
    }
}
