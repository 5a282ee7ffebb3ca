using System.Globalization;
using System.Text.Json.Nodes;

namespace Netra.Agent.Tools;

/// <summary><c>lookup_records</c>: finds the service records a query is about.</summary>
public sealed class LookupRecordsTool() : QueryTool("lookup_records", "Looks up availability and latency records of the Netra services.")
{
    protected override JsonObject Answer(string query)
    {
        var records = ServiceRecords.Matching(query);
        var rows = new JsonArray(records.Select(record => (JsonNode)new JsonObject
        {
            ["service"] = record.Service,
            ["availability_percent"] = record.AvailabilityPercent,
            ["p99_ms"] = record.P99Milliseconds,
        }).ToArray());
        var summary = string.Join("; ", records.Select(record => string.Create(
            CultureInfo.InvariantCulture,
            $"{record.Service} availability {record.AvailabilityPercent}% (p99 {record.P99Milliseconds} ms)")));
        return new JsonObject { ["records"] = rows, ["summary"] = summary + "." };
    }
}
