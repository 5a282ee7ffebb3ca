using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// First look at a run: a spec that cannot run ends at once, Failed with reason InvalidSpec and every problem
/// named (editing the spec runs it again); an Ephemeral run gets the finalizer that will remove its namespace.
/// </summary>
public static class InitializeStage
{
    public static TestRunStatus? Invalid(TestRunObservation observation, DateTimeOffset now)
    {
        if (observation.Problems.Count == 0)
        {
            return null;
        }

        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        return FinishStage.Failed(observation.Run, Reasons.InvalidSpec, string.Join(" ", observation.Problems), environment, now);
    }

    /// <summary>A spec that asks for what the installer does not allow ends at once, Failed with reason NotAllowed.</summary>
    public static TestRunStatus? NotAllowed(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var violations = TenantPolicyCheck.Violations(observation.Spec, settings);
        if (violations.Count == 0)
        {
            return null;
        }

        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        return FinishStage.Failed(observation.Run, Reasons.NotAllowed, string.Join(" ", violations), environment, now);
    }

    /// <summary>A run whose deciding threw: Failed with reason InvalidSpec, saying what could not be read.</summary>
    public static TestRunStatus Undecidable(TestRun run, Exception error, DateTimeOffset now)
    {
        var why = Netra.Probes.Contract.PodText.OneLine(error.Message, 240);
        var message = $"The operator cannot decide this run ({error.GetType().Name}: {why}); fix the spec to run it again.";
        return FinishStage.Failed(run, Reasons.InvalidSpec, message, run.Status?.Environment ?? new EnvironmentStatus(), now);
    }

    /// <summary>
    /// The API server refuses a child the run needs and will refuse it again (422 Invalid, 413 too large: a values
    /// ConfigMap over 1 MiB; 403 for a quota of the namespace exceeded: a results ConfigMap that cannot be stored);
    /// trying again for ever would leave the run where it is.
    /// </summary>
    public static bool RefusedForGood(k8s.Autorest.HttpOperationException error) =>
        (int?)error.Response?.StatusCode is 413 or 422
        || ((int?)error.Response?.StatusCode == 403 && error.Response?.Content?.Contains("exceeded quota", StringComparison.Ordinal) == true);

    /// <summary>
    /// The run after such a refusal: when the decision finished it (its results ConfigMap refused), finished all the same,
    /// saying its full results were not kept; otherwise Failed with reason InvalidSpec, saying what was refused.
    /// </summary>
    public static TestRunStatus Refused(TestRun run, TestRunStatus? decided, k8s.Autorest.HttpOperationException error, DateTimeOffset now)
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
        return FinishStage.Failed(run, Reasons.InvalidSpec, message, run.Status?.Environment ?? new EnvironmentStatus(), now);
    }

    /// <summary>The API server's message of a refusal, in one bounded line.</summary>
    private static string RefusalOf(k8s.Autorest.HttpOperationException error)
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

        var line = Netra.Probes.Contract.PodText.OneLine(content, 300);
        return $"{(int?)error.Response?.StatusCode} {line}".TrimEnd() + (line.EndsWith('.') ? string.Empty : ".");
    }

    public static bool NeedsFinalizer(TestRunObservation observation) =>
        observation.Spec.Ephemeral && !(observation.Run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer);
}
