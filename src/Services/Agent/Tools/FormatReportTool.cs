using System.Text.Json.Nodes;

namespace Netra.Agent.Tools;

/// <summary><c>format_report</c>: lays out the sections of a report.</summary>
public sealed class FormatReportTool() : QueryTool("format_report", "Lays out a report with a title and sections.")
{
    private static readonly string[] Sections = ["Summary", "Findings", "Next steps"];

    protected override JsonObject Answer(string query) => new()
    {
        ["title"] = $"Report: {query}",
        ["sections"] = new JsonArray(Sections.Select(section => (JsonNode)section).ToArray()),
        ["summary"] = $"Drafted a report with sections {string.Join(", ", Sections)}.",
    };
}
