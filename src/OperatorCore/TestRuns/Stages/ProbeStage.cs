using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// The probe Jobs, one per scenario and attempt, started as <see cref="ProbeSchedule"/> says: at most
/// <c>spec.parallelism</c> at once, a failed scenario retried as soon as a slot frees, the exclusive scenario last and
/// alone. Every Job's name says its scenario and attempt, so the whole history is read back from the Jobs that exist.
/// The run ends when every scenario is done, or at once when a probe's preflight says the services cannot be probed.
/// </summary>
public static class ProbeStage
{
    public static TestRunDecision Decide(TestRunObservation observation, DecisionContext context)
    {
        var run = observation.Run;
        var spec = observation.Spec;
        var environment = spec.Ephemeral
            ? new EnvironmentStatus { Namespace = ChildNames.EnvironmentNamespace(run), DeployState = DeployStates.Deployed }
            : new EnvironmentStatus { DeployState = DeployStates.External };
        var states = States(observation);
        var outcomes = Outcomes(states);
        if (CurrentJobs(observation).Select(ProbeResults.PreflightFailure).FirstOrDefault(f => f is not null) is { } preflight)
        {
            var failed = RunStatuses.Failed(run, Reasons.PreflightFailed, preflight, environment, context.Now, outcomes);
            return ResultsStage.EndedWithResults(observation, failed, context.Now);
        }

        if (ProbeSchedule.Finished(states, spec.MaxAttempts))
        {
            return ResultsStage.EndedWithResults(observation, RunStatuses.Completed(run, outcomes, environment, context.Now), context.Now);
        }

        var next = ProbeSchedule.Next(states, spec.Parallelism, spec.MaxAttempts);
        var urls = Targets(observation);
        var deadline = context.DeadlineSeconds(observation);
        var actions = next
            .Select(n => (ChildAction)new CreateChild(ProbeJobManifest.Build(observation, context.Settings, urls, n.Scenario, n.Attempt, deadline)))
            .ToList();
        var probing = RunStatuses.InProgress(run, Phases.Probing, Progress(states, next, spec.MaxAttempts), environment, context.Now);
        return TestRunDecision.InProgress(actions, probing, context, context.Remaining(observation));
    }

    /// <summary>Every scenario's latest outcome, in the spec's order; those that have not finished yet as not run.</summary>
    public static IReadOnlyList<ScenarioOutcome> Outcomes(TestRunObservation observation) => Outcomes(States(observation));

    /// <summary>
    /// Where each scenario stands, from its Jobs attempt by attempt. A Job stopped at its deadline (the run's own) was
    /// cut off by the run's timeout, not finished: it counts as running, so the timeout lists its scenario as not run
    /// whichever of the two was seen first.
    /// </summary>
    public static IReadOnlyList<ProbeSchedule.ScenarioState> States(TestRunObservation observation)
    {
        var run = observation.Run;
        return [.. observation.Spec.Scenarios.Select((scenario, index) =>
        {
            ScenarioOutcome? last = null;
            for (var attempt = 1; observation.ProbeJobs.TryGetValue(ChildNames.ProbeJob(run, attempt, index), out var job); attempt++)
            {
                if (job is { Progress: JobProgress.Running, Problem: null } or { PastDeadline: true })
                {
                    return new ProbeSchedule.ScenarioState(scenario, attempt - 1, last, Running: true);
                }

                last = ProbeResults.FromJob(job, scenario, attempt);
            }

            return new ProbeSchedule.ScenarioState(scenario, last?.Attempts ?? 0, last, Running: false);
        })];
    }

    private static IReadOnlyList<ScenarioOutcome> Outcomes(IReadOnlyList<ProbeSchedule.ScenarioState> states) =>
        [.. states.Select(s => s.Last ?? ScenarioOutcome.NotRun(s.Name, 0))];

    private static ServiceUrls Targets(TestRunObservation observation) =>
        observation.Spec is { Ephemeral: false, Endpoints: { AuthUrl: { } auth, BackendUrl: { } backend, AgentUrl: { } agent } }
            ? new ServiceUrls(auth, backend, agent)
            : ServiceUrls.InNamespace(ChildNames.EnvironmentNamespace(observation.Run));

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
        var probing = states.Where(s => s.Running).Select(s => s.Name).Concat(starting.Select(s => s.Scenario));
        var retrying = starting.Where(s => s.Attempt > 1).Select(s => $"{s.Scenario} (attempt {s.Attempt})").ToList();
        return RunMessages.Probing(probing, states.Count(s => s.Done(maxAttempts)), states.Count, retrying);
    }
}
