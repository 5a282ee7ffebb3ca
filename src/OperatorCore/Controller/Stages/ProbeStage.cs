using Netra.Operator.Core.Controller.Manifests;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// The probe Jobs, one per scenario and attempt, started as <see cref="ProbeSchedule"/> says. Every Job's
/// name says its scenario and attempt, so the whole history is read back from the Jobs that exist.
/// </summary>
public static class ProbeStage
{
    /// <summary>
    /// Jobs to create; every scenario's latest outcome (those that have not finished yet as not run), in the
    /// spec's order; whether every attempt is done.
    /// </summary>
    /// <param name="PreflightFailure">Why no probing can go on (<see cref="ProbeResults.PreflightFailure"/>), or null.</param>
    public sealed record Outcome(
        IReadOnlyList<ChildAction> Actions,
        IReadOnlyList<ScenarioOutcome> Outcomes,
        bool Finished,
        string Progress,
        string? PreflightFailure);

    public static Outcome Decide(TestRunObservation observation, ControllerSettings settings, ServiceUrls urls, long deadlineSeconds)
    {
        var spec = observation.Spec;
        var states = States(observation);
        var next = ProbeSchedule.Next(states, spec.Parallelism, spec.MaxAttempts);
        var actions = next
            .Select(n => new CreateChild(ProbeJobManifest.Build(observation, settings, urls, n.Scenario, n.Attempt, deadlineSeconds)))
            .ToList();
        var outcomes = states.Select(s => s.Last ?? ScenarioOutcome.NotRun(s.Name, 0)).ToList();
        var preflight = CurrentJobs(observation).Select(ProbeResults.PreflightFailure).FirstOrDefault(f => f is not null);
        return new Outcome(
            actions,
            outcomes,
            ProbeSchedule.Finished(states, spec.MaxAttempts),
            Progress(states, next, spec.MaxAttempts),
            preflight);
    }

    /// <summary>Where each scenario stands, from its Jobs attempt by attempt.</summary>
    public static IReadOnlyList<ProbeSchedule.ScenarioState> States(TestRunObservation observation)
    {
        var run = observation.Run;
        return [.. observation.Spec.Scenarios.Select((scenario, index) =>
        {
            ScenarioOutcome? last = null;
            for (var attempt = 1; observation.ProbeJobs.TryGetValue(ChildNames.ProbeJob(run, attempt, index), out var job); attempt++)
            {
                if (job is { Progress: JobProgress.Running, Problem: null })
                {
                    return new ProbeSchedule.ScenarioState(scenario, attempt - 1, last, Running: true);
                }

                last = ProbeResults.FromJob(job, scenario, attempt);
            }

            return new ProbeSchedule.ScenarioState(scenario, last?.Attempts ?? 0, last, Running: false);
        })];
    }

    /// <summary>This run's probe Jobs (an earlier run of the same TestRun had Jobs of other names).</summary>
    private static IEnumerable<JobObservation> CurrentJobs(TestRunObservation observation) =>
        observation.Spec.Scenarios
            .SelectMany((_, index) => Enumerable.Range(1, observation.Spec.MaxAttempts)
                .Select(attempt => ChildNames.ProbeJob(observation.Run, attempt, index)))
            .Select(name => observation.ProbeJobs.GetValueOrDefault(name))
            .OfType<JobObservation>();

    private static string Progress(
        IReadOnlyList<ProbeSchedule.ScenarioState> states, IReadOnlyList<(string Scenario, int Attempt)> starting, int maxAttempts)
    {
        var probing = states.Where(s => s.Running).Select(s => s.Name).Concat(starting.Select(s => s.Scenario)).ToList();
        var finished = states.Count(s => s.Done(maxAttempts));
        var retrying = starting.Where(s => s.Attempt > 1).Select(s => $"{s.Scenario} (attempt {s.Attempt})").ToList();
        var message = $"Probing {string.Join(", ", probing)}; {finished} of {states.Count} scenarios finished.";
        return retrying.Count > 0 ? $"{message} Retrying {string.Join(", ", retrying)}." : message;
    }
}
