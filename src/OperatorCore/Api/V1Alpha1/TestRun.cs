using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>One run of the Netra integration probes, against a fresh environment or deployed services.</summary>
/// <remarks>
/// Deploys (or reaches) the three services, probes them, records the results in <see cref="Status"/>. Field names
/// follow Kubernetes API conventions (camelCase), as kubectl, Argo CD and Flux expect. The summaries of the
/// properties here are the CRD's descriptions (src/ApiSchema writes crds/ from them).
/// </remarks>
public sealed class TestRun : IKubernetesObject<V1ObjectMeta>, ISpec<TestRunSpec>, IStatus<TestRunStatus?>
{
    public const string Group = "netra.io";
    public const string Version = "v1alpha1";
    public const string KindName = "TestRun";
    public const string Plural = "testruns";
    public const string ApiVersionName = Group + "/" + Version;

    /// <summary>netra.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionName;

    /// <summary>TestRun.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What the run does. Defaults are filled in when the TestRun is applied.</summary>
    [Required]
    [JsonPropertyName("spec")]
    public TestRunSpec Spec { get; set; } = new();

    /// <summary>Where the run stands and what it found; written by the operator only.</summary>
    [JsonPropertyName("status")]
    public TestRunStatus? Status { get; set; }
}
