using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netra.Agent.Llm;

/// <summary>
/// The default model: deterministic and offline, so the same input always yields the same events and
/// content. Its first turn thinks aloud and calls every tool offered with the user's input as the
/// query; once tool results are in, it answers from their <c>summary</c> fields.
/// </summary>
public sealed class ScriptedLlmProvider : ILlmProvider
{
    public Task<LlmCompletion> CompleteAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var input = request.Messages.LastOrDefault(message => message.Role == "user")?.Content ?? string.Empty;
        var toolResults = request.Messages.Where(message => message.Role == "tool").ToList();
        var completion = toolResults.Count == 0 && request.Tools.Count > 0
            ? Plan(input, request.Tools)
            : Answer(input, toolResults);
        return Task.FromResult(completion);
    }

    private static LlmCompletion Plan(string input, IReadOnlyList<LlmToolSpec> tools)
    {
        var arguments = new JsonObject { ["query"] = input }.ToJsonString();
        var calls = tools.Select((tool, index) => new LlmToolCall($"call_{index + 1}", tool.Name, arguments)).ToList();
        var thought = $"To answer \"{Quote(input)}\" I will use {string.Join(" and ", tools.Select(tool => tool.Name))}.";
        return new LlmCompletion(thought, calls);
    }

    private static LlmCompletion Answer(string input, List<LlmMessage> toolResults)
    {
        var answer = new StringBuilder($"Answer to \"{Quote(input)}\":");
        foreach (var result in toolResults)
        {
            answer.Append(' ').Append(Summary(result.Content));
        }

        if (toolResults.Count == 0)
        {
            answer.Append(" no tools were needed; the request is understood.");
        }

        return new LlmCompletion(answer.ToString(), []);
    }

    private static string Summary(string toolResult)
    {
        try
        {
            return JsonNode.Parse(toolResult)?["summary"]?.GetValue<string>() ?? toolResult;
        }
        catch (JsonException)
        {
            return toolResult;
        }
    }

    private static string Quote(string input) => input.Length <= 80 ? input : string.Concat(input.AsSpan(0, 77), "...");
}
