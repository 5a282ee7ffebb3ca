namespace Netra.Agent.Faults;

/// <summary>The <c>fault</c> member of a run request: <c>{"kind", "count"}</c>; <c>count</c> defaults to 1.</summary>
public sealed record FaultRequest(string? Kind, int? Count)
{
    public const int MaxCount = 1000;

    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.Ordinal)
    {
        ["llm_failure"] = FaultKind.LlmFailure,
        ["llm_timeout"] = FaultKind.LlmTimeout,
        ["tool_failure"] = FaultKind.ToolFailure,
        ["resource_exhaustion"] = FaultKind.ResourceExhaustion,
    };

    public static IEnumerable<string> KindNames => Kinds.Keys;

    /// <summary>The fault to inject, or why the request is invalid.</summary>
    public RunFaults? TryCreate(out string? error)
    {
        error = null;
        if (Kind is null || !Kinds.TryGetValue(Kind, out var kind))
        {
            error = $"fault.kind must be one of {string.Join(", ", KindNames)}.";
            return null;
        }

        var count = Count ?? 1;
        if (count is < 0 or > MaxCount)
        {
            error = $"fault.count must be between 0 and {MaxCount}.";
            return null;
        }

        return new RunFaults(kind, count);
    }
}
