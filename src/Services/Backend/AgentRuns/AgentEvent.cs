using System.Text.Json;

namespace Netra.Backend.AgentRuns;

/// <summary>One server-sent event of an agent run: its type and the <c>payload</c> object of its data.</summary>
public sealed record AgentEvent(string Type, JsonElement Payload)
{
    public const string FinalReport = "final_report";
    public const string Error = "error";

    public bool IsTerminal => Type is FinalReport or Error;
}
