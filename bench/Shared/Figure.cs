namespace Netra.Bench;

/// <summary>
/// One figure for <c>bench/run.sh</c>: its value, the goal it is held to and the limit measured beside it in the
/// same run (what the same work costs with nothing of ours around it). <paramref name="Better"/> is "higher" or "lower".
/// </summary>
public sealed record Figure(
    string Name,
    double Value,
    string Unit,
    string Better,
    double? Goal = null,
    double? Limit = null,
    string? LimitName = null,
    string? Note = null);
