using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// A run of the Netra integration probes: deploy (or reach) the three services, probe them,
/// record the results in <see cref="Status"/>. Field names follow Kubernetes API conventions
/// (camelCase), as kubectl, Argo CD and Flux expect.
/// </summary>
public sealed class TestRun : IKubernetesObject<V1ObjectMeta>, ISpec<TestRunSpec>, IStatus<TestRunStatus?>
{
    public const string Group = "netra.io";
    public const string Version = "v1alpha1";
    public const string KindName = "TestRun";
    public const string Plural = "testruns";
    public const string ApiVersionName = Group + "/" + Version;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TestRunSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TestRunStatus? Status { get; set; }
}
