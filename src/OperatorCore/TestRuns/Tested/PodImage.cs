using System.Text.RegularExpressions;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// The image a service's pod runs: the one its container names, and the digest of what the node pulled, from the
/// container's <c>imageID</c> (<c>docker-pullable://repo@sha256:...</c>, <c>repo@sha256:...</c> or <c>sha256:...</c>).
/// The container is the one named after the service (<c>backend</c> or <c>netra-backend</c>), else the pod's first.
/// </summary>
public sealed partial record PodImage(string Image, string? Digest)
{
    public static PodImage? Of(V1Pod pod, string service)
    {
        var containers = pod.Spec?.Containers ?? [];
        var container = containers.FirstOrDefault(c => c.Name == service || c.Name == $"netra-{service}") ?? containers.FirstOrDefault();
        if (container?.Image is not { Length: > 0 } image)
        {
            return null;
        }

        var imageId = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container.Name)?.ImageID;
        var digest = imageId is null ? null : Sha256().Match(imageId) is { Success: true } match ? match.Value : null;
        return new PodImage(PodText.OneLine(image, TestedImage.MaxImageChars), digest);
    }

    [GeneratedRegex("sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
