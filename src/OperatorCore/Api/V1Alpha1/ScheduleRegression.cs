using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>A schedule that went from passing to failing: since which run and revision, and what changed.</summary>
public sealed record ScheduleRegression
{
    /// <summary>The first failing run.</summary>
    [JsonPropertyName("run")]
    public required string Run { get; init; }

    /// <summary>What the first failing run tested (its status.tested.revision).</summary>
    [StringLength(TestedStatus.MaxRevisionChars)]
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    /// <summary>When the first failing run finished.</summary>
    [JsonPropertyName("since")]
    public DateTimeOffset? Since { get; init; }

    /// <summary>The last run that passed before it.</summary>
    [JsonPropertyName("lastPassingRun")]
    public required string LastPassingRun { get; init; }

    /// <summary>What the last passing run tested (its status.tested.revision).</summary>
    [StringLength(TestedStatus.MaxRevisionChars)]
    [JsonPropertyName("lastPassingRevision")]
    public string? LastPassingRevision { get; init; }

    /// <summary>What differs between what the last passing run and the first failing one tested, at most 16.</summary>
    [MaxItems(MaxChanges)]
    [JsonPropertyName("changes")]
    public IReadOnlyList<TestedChange> Changes { get; init; } = [];

    public const int MaxChanges = 16;
}

/// <summary>One thing that differs between two runs' status.tested.</summary>
public sealed record TestedChange
{
    /// <summary>What changed, e.g. "backend image", "backend digest", "auth chart version", "values hash", "revision".</summary>
    [StringLength(64)]
    [JsonPropertyName("what")]
    public required string What { get; init; }

    /// <summary>Its value in the last passing run; absent when it had none.</summary>
    [StringLength(TestedImage.MaxImageChars)]
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>Its value in the first failing run; absent when it had none.</summary>
    [StringLength(TestedImage.MaxImageChars)]
    [JsonPropertyName("to")]
    public string? To { get; init; }
}
