using System.CommandLine;
using Netra.Probes.Contract;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>--timeout</c> of the commands that follow a run in a cluster (<c>wait</c>, <c>run --cluster</c>): how long to follow
/// it, as a duration; past it, exit 1 saying what the run was doing. The run itself goes on.
/// </summary>
public static class FollowTimeout
{
    public static Option<string?> Create(string? byDefault, string whenNone)
    {
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long to follow the run (a duration: 90s, 10m, 1h); past it, exit 1 saying what the run was doing. "
                + (byDefault is null ? whenNone : $"Default: {byDefault}."),
            DefaultValueFactory = _ => byDefault,
        };
        timeout.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && (!GoDuration.TryParse(text, out var limit) || limit <= TimeSpan.Zero))
            {
                result.AddError($"--timeout must be a positive duration such as 90s, 10m or 1h, not '{text}'.");
            }
        });
        return timeout;
    }

    public static TimeSpan? Value(ParseResult parsed, Option<string?> timeout) =>
        parsed.GetValue(timeout) is { } text ? GoDuration.Parse(text) : null;
}
