using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// Owns TestRuns the way a CronJob owns Jobs: creates one from <see cref="TestRunScheduleSpec.Template"/> on a cron
/// schedule or after a rollout, keeps the newest few, and sums up how they went in <see cref="Status"/>.
/// </summary>
public sealed class TestRunSchedule : IKubernetesObject<V1ObjectMeta>, ISpec<TestRunScheduleSpec>, IStatus<TestRunScheduleStatus?>
{
    public const string KindName = "TestRunSchedule";
    public const string Plural = "testrunschedules";
    public const string ApiVersionName = TestRun.ApiVersionName;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TestRunScheduleSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TestRunScheduleStatus? Status { get; set; }
}
