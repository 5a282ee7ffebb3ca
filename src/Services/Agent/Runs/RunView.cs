using System.Text.Json.Serialization;

namespace Netra.Agent.Runs;

/// <summary>The answer of <c>GET /v1/runs/{id}</c> and <c>POST /v1/runs/{id}/cancel</c>.</summary>
public sealed record RunView(
    string RunId,
    string UserId,
    string ThreadId,
    string Status,
    string StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CompletedAt)
{
    public static RunView Of(Run run) => new(
        run.RunId,
        run.UserId,
        run.ThreadId,
        run.Status.ToString().ToLowerInvariant(),
        Rfc3339.Format(run.StartedAt),
        run.CompletedAt is { } completed ? Rfc3339.Format(completed) : null);
}
