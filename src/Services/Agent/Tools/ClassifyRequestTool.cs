using System.Text.Json.Nodes;

namespace Netra.Agent.Tools;

/// <summary><c>classify_request</c>: the triage agent's tool.</summary>
public sealed class ClassifyRequestTool() : QueryTool("classify_request", "Classifies a user request by category and priority.")
{
    protected override JsonObject Answer(string query)
    {
        var (category, priority) = RequestClassifier.Classify(query);
        return new JsonObject
        {
            ["category"] = category,
            ["priority"] = priority,
            ["summary"] = $"Classified as {category} with {priority} priority.",
        };
    }
}
