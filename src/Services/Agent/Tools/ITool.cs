using System.Text.Json.Nodes;
using Netra.Agent.Llm;

namespace Netra.Agent.Tools;

/// <summary>Something a sub-agent can do besides talking: takes JSON arguments, answers a JSON object with a <c>summary</c>.</summary>
public interface ITool
{
    LlmToolSpec Spec { get; }

    Task<JsonObject> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken);
}
