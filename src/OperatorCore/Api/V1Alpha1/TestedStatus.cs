using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What a run tested, recorded once as it finishes: the revision, the services' images, the charts and their values.</summary>
public sealed record TestedStatus
{
    /// <summary>
    /// spec.revision when set; else, for a schedule's rollout run, the workloads it verifies (Kind/namespace/name@revision).
    /// </summary>
    [StringLength(MaxRevisionChars)]
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    /// <summary>The image and image digest of each service's pods that answered the probes, at most 12.</summary>
    [MaxItems(MaxImages)]
    [JsonPropertyName("images")]
    public IReadOnlyList<TestedImage> Images { get; init; } = [];

    /// <summary>Ephemeral only: the chart each service was installed from, and its version.</summary>
    [MaxItems(3)]
    [JsonPropertyName("charts")]
    public IReadOnlyList<TestedChart> Charts { get; init; } = [];

    /// <summary>Ephemeral only: sha256:&lt;hex&gt; of the three charts' values as the operator resolved them.</summary>
    [StringLength(71)]
    [JsonPropertyName("valuesHash")]
    public string? ValuesHash { get; init; }

    public const int MaxRevisionChars = 256;
    public const int MaxImages = 12;
}

/// <summary>A service's image, as a pod that answered the probes ran it.</summary>
public sealed record TestedImage
{
    /// <summary>auth, backend or agent.</summary>
    [AllowedValues(TestedServices.Auth, TestedServices.Backend, TestedServices.Agent)]
    [JsonPropertyName("service")]
    public required string Service { get; init; }

    /// <summary>The image the pod's container names, at most 512 characters.</summary>
    [StringLength(MaxImageChars)]
    [JsonPropertyName("image")]
    public required string Image { get; init; }

    /// <summary>The digest of the image the container runs (sha256:...), from its status' imageID; absent when it gave none.</summary>
    [StringLength(71)]
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    public const int MaxImageChars = 512;
}

/// <summary>A chart an Ephemeral run installed.</summary>
public sealed record TestedChart
{
    /// <summary>auth, backend or agent.</summary>
    [AllowedValues(TestedServices.Auth, TestedServices.Backend, TestedServices.Agent)]
    [JsonPropertyName("service")]
    public required string Service { get; init; }

    /// <summary>The chart reference: bundled (the operator's own), oci://..., or repo/name.</summary>
    [StringLength(512)]
    [JsonPropertyName("chart")]
    public required string Chart { get; init; }

    /// <summary>Its version; absent when helm was left to pick the latest.</summary>
    [StringLength(128)]
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}

/// <summary>The services a run tests, as status.tested names them.</summary>
public static class TestedServices
{
    public const string Auth = "auth";
    public const string Backend = "backend";
    public const string Agent = "agent";

    public static IReadOnlyList<string> All { get; } = [Auth, Backend, Agent];
}
