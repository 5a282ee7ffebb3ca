namespace Netra.Agent.Tools;

/// <summary>The data the lookup tool serves: a fixed, in-memory table of service health records.</summary>
public static class ServiceRecords
{
    public sealed record Record(string Service, double AvailabilityPercent, int P99Milliseconds);

    public static readonly IReadOnlyList<Record> All =
    [
        new("auth", 99.95, 42),
        new("backend", 99.90, 87),
        new("agent", 99.80, 120),
    ];

    /// <summary>The records whose service the query names, or all of them when it names none.</summary>
    public static IReadOnlyList<Record> Matching(string query)
    {
        var named = All.Where(record => query.Contains(record.Service, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count > 0 ? named : All;
    }
}
