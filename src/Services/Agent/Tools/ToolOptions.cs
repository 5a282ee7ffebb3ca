namespace Netra.Agent.Tools;

/// <summary>Bound from <c>Agent:Tools</c>.</summary>
public sealed class ToolOptions
{
    public const string Section = "Agent:Tools";

    /// <summary>Retries of a tool execution that failed transiently (0 turns retrying off).</summary>
    public int MaxRetryAttempts { get; set; } = 1;
}
