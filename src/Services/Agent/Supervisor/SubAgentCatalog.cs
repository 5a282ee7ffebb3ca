namespace Netra.Agent.Supervisor;

/// <summary>The sub-agents the supervisor delegates to.</summary>
public static class SubAgentCatalog
{
    public const string Triage = "triage";
    public const string DataLookup = "data_lookup";
    public const string Reporting = "reporting";

    public static readonly IReadOnlyList<SubAgentProfile> All =
    [
        new(Triage, "classifies a request by category and priority",
            "You are Netra's triage agent. Classify the user's request by category and priority, then tell the user what happens next.",
            ["classify_request"]),
        new(DataLookup, "looks up service records",
            "You are Netra's data lookup agent. Look up the service records the user asks about and answer with the figures.",
            ["lookup_records"]),
        new(Reporting, "writes reports from service records",
            "You are Netra's reporting agent. Gather the relevant service records, lay out a report, and write its summary.",
            ["lookup_records", "format_report"]),
    ];

    public static IEnumerable<string> Names => All.Select(profile => profile.Name);

    public static SubAgentProfile? Find(string name) => All.FirstOrDefault(profile => profile.Name == name);

    public static SubAgentProfile Get(string name) => Find(name) ?? throw new InvalidOperationException($"No sub-agent named '{name}'.");
}
