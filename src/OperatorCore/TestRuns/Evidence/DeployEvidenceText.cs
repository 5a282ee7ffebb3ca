using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netra.Operator.Core.TestRuns.Evidence;

/// <summary>
/// The kept <see cref="DeployEvidence"/> as lines people read, in sections: helm's output, then each pod (its phase,
/// False conditions, containers, Events, log tail). What <c>netra-operator results</c> prints and writes to JUnit and JSON.
/// The ConfigMap can be edited by anyone who may: what is not evidence says so in one line.
/// </summary>
public static class DeployEvidenceText
{
    public static IReadOnlyList<string> Lines(string kept)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(kept) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return [$"The deploy evidence kept is not readable: {error.Message.ReplaceLineEndings(" ")}"];
        }

        var lines = new List<string>();
        if (Text(document["helm_output"]) is { Length: > 0 } output)
        {
            lines.Add("helm output (the deploy pod's termination message):");
            lines.AddRange(Indented(output, "  "));
        }
        else
        {
            lines.Add("helm output: none (the deploy pod left no termination message).");
        }

        foreach (var pod in (document["pods"] as JsonArray ?? []).OfType<JsonObject>())
        {
            lines.AddRange(Pod(pod));
        }

        if (document["pods_left_out"] is JsonValue left && left.TryGetValue<int>(out var count) && count > 0)
        {
            lines.Add($"{count} more pod(s) not Ready left out.");
        }

        return lines;
    }

    private static IEnumerable<string> Pod(JsonObject pod)
    {
        yield return $"pod {Text(pod["name"])}: {Text(pod["phase"])}";
        foreach (var condition in Items(pod["conditions"]))
        {
            yield return $"  condition {Text(condition["type"])} False: {Joined(condition["reason"], condition["message"])}";
        }

        foreach (var container in Items(pod["containers"]))
        {
            var exit = container["exit_code"] is JsonValue code ? $" (exit code {code.ToJsonString()})" : string.Empty;
            yield return $"  container {Text(container["name"])}: {Text(container["state"])}{exit}: {Joined(container["reason"], container["message"])}";
        }

        foreach (var item in Items(pod["events"]))
        {
            var count = item["count"] is JsonValue n && n.TryGetValue<int>(out var times) && times > 1 ? $" ×{times}" : string.Empty;
            var when = Text(item["last_seen"]) is { } seen ? $", {seen}" : string.Empty;
            yield return $"  event {Text(item["type"])} {Text(item["reason"])}{count}{when}: {Text(item["message"])}";
        }

        if (Text(pod["log"]) is { } empty && string.IsNullOrWhiteSpace(empty))
        {
            yield return "  log: empty (nothing written, or the container never started)";
        }
        else if (Text(pod["log"]) is { } log)
        {
            yield return "  log tail:";
            foreach (var line in Indented(log, "    "))
            {
                yield return line;
            }
        }
        else if (Text(pod["log_unreadable"]) is { } why)
        {
            yield return $"  log not readable: {why}";
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> Indented(string text, string indent) =>
        text.TrimEnd('\n').Split('\n').Select(line => indent + line.TrimEnd('\r'));

    private static string Joined(JsonNode? reason, JsonNode? message) =>
        string.Join(": ", new[] { Text(reason), Text(message) }.Where(t => t is { Length: > 0 }));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
