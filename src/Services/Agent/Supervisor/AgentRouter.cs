namespace Netra.Agent.Supervisor;

/// <summary>The supervisor's routing decision: the agent the request names, else the one whose job the input is about.</summary>
public static class AgentRouter
{
    private static readonly string[] ReportingWords = ["report", "summary", "summarize", "summarise", "overview"];
    private static readonly string[] LookupWords =
        ["lookup", "look up", "find", "show", "metrics", "availability", "latency", "status", "how many"];

    public static string Route(string? requestedAgent, string input)
    {
        if (!string.IsNullOrEmpty(requestedAgent))
        {
            return requestedAgent;
        }

        if (ReportingWords.Any(word => input.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return SubAgentCatalog.Reporting;
        }

        return LookupWords.Any(word => input.Contains(word, StringComparison.OrdinalIgnoreCase))
            ? SubAgentCatalog.DataLookup
            : SubAgentCatalog.Triage;
    }
}
