using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>Creates TestRuns from a template on a cron schedule and after rollouts, and sums up how they went.</summary>
/// <remarks>
/// Owns TestRuns the way a CronJob owns Jobs: creates one from <see cref="TestRunScheduleSpec.Template"/> on a cron
/// schedule or after a rollout, keeps the newest few, and sums up how they went in <see cref="Status"/>.
/// </remarks>
public sealed class TestRunSchedule : IKubernetesObject<V1ObjectMeta>, ISpec<TestRunScheduleSpec>, IStatus<TestRunScheduleStatus?>
{
    public const string KindName = "TestRunSchedule";
    public const string Plural = "testrunschedules";
    public const string ApiVersionName = TestRun.ApiVersionName;

    /// <summary>netra.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionName;

    /// <summary>TestRunSchedule.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What to run, when, how many at once, and how many finished runs to keep.</summary>
    [Required]
    [JsonPropertyName("spec")]
    public TestRunScheduleSpec Spec { get; set; } = new();

    /// <summary>What the schedule did last, what runs now, and how the latest runs went; written by the operator only.</summary>
    [JsonPropertyName("status")]
    public TestRunScheduleStatus? Status { get; set; }
}
