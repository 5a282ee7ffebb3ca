using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// Runs that would otherwise never end: one whose deciding throws (an exception of the operator's own, not of the API
/// server) ends Failed with reason InvalidSpec, once, instead of being retried for ever and holding the queue; one whose
/// child the API server refuses for good ends with the server's message (or, when its results alone are refused,
/// finishes all the same, saying so).
/// </summary>
public static class RefusalStage
{
    /// <summary>An exception of deciding, not of reaching the API server (those are retried).</summary>
    public static bool IsUndecidable(Exception error) =>
        error is not (OperationCanceledException or HttpOperationException or HttpRequestException or TimeoutException or IOException);

    public static TestRunDecision Undecidable(TestRun run, Exception error, DateTimeOffset now)
    {
        if (run.Status is { Phase: Phases.Succeeded or Phases.Failed })
        {
            return TestRunDecision.Nothing;
        }

        var why = PodText.OneLine(error.Message, 240);
        var message = $"The operator cannot decide this run ({why}); fix the spec to run it again.";
        return new TestRunDecision([], RunStatuses.Failed(run, Reasons.InvalidSpec, message, run.Status?.Environment ?? new EnvironmentStatus(), now), null);
    }

    /// <summary>
    /// The API server refuses a child the run needs and will refuse it again (422 Invalid, 413 too large: a values
    /// ConfigMap over 1 MiB; 403 for a quota of the namespace exceeded: a results ConfigMap that cannot be stored).
    /// </summary>
    public static bool RefusedForGood(HttpOperationException error) =>
        (int?)error.Response?.StatusCode is 413 or 422
        || ((int?)error.Response?.StatusCode == 403 && error.Response?.Content?.Contains("exceeded quota", StringComparison.Ordinal) == true);

    /// <summary>
    /// The run after such a refusal: when the decision finished it (its results ConfigMap refused), finished all the same,
    /// saying its full results were not kept; otherwise Failed with reason InvalidSpec, saying what was refused.
    /// </summary>
    public static TestRunStatus Refused(TestRun run, TestRunStatus? decided, HttpOperationException error, DateTimeOffset now)
    {
        var why = RefusalOf(error);
        if (decided is not null && decided.Conditions.IsTrue(ConditionTypes.Finished))
        {
            var note = $" Its full results were not kept: {why}";
            return decided with
            {
                Conditions = [.. decided.Conditions.Select(c => c.Type is ConditionTypes.Finished or ConditionTypes.Ready
                    ? c with { Message = c.Message + note } : c)],
            };
        }

        var message = $"The API server refused what this run needs: {why} Make the spec smaller to run it again.";
        return RunStatuses.Failed(run, Reasons.InvalidSpec, message, run.Status?.Environment ?? new EnvironmentStatus(), now);
    }

    /// <summary>The API server's message of a refusal, in one bounded line.</summary>
    private static string RefusalOf(HttpOperationException error)
    {
        var content = error.Response?.Content ?? string.Empty;
        try
        {
            if (System.Text.Json.JsonDocument.Parse(content).RootElement.TryGetProperty("message", out var text))
            {
                content = text.GetString() ?? content;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var line = PodText.OneLine(content, 300);
        return $"{(int?)error.Response?.StatusCode} {line}".TrimEnd() + (line.EndsWith('.') ? string.Empty : ".");
    }
}
