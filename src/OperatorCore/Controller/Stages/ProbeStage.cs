using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Controller.Manifests;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// The probe Jobs, wave by wave (<see cref="ShardPlan"/>), then again for the scenarios that failed,
/// as long as <c>spec.retries</c> allows. Every Job's name says its attempt and shard, so the whole
/// history is read back from the Jobs that exist.
/// </summary>
public static class ProbeStage
{
    /// <summary>Jobs to create, or the final outcomes (in the spec's order) once every attempt is done.</summary>
    public sealed record Outcome(IReadOnlyList<ChildAction> Actions, IReadOnlyList<ScenarioOutcome>? Finished, string Progress);

    public static Outcome Decide(TestRunObservation observation, ControllerSettings settings, ServiceUrls urls, long deadlineSeconds)
    {
        var run = observation.Run;
        var spec = run.Spec;
        var outcomes = new Dictionary<string, ScenarioOutcome>();
        IReadOnlyList<string> pending = [.. spec.Scenarios!];
        for (var attempt = 1; pending.Count > 0 && attempt <= 1 + spec.Retries!.Value; attempt++)
        {
            var shard = 0;
            foreach (var wave in ShardPlan.Waves(pending, spec.Parallelism!.Value))
            {
                var jobs = new List<(int Shard, string Name, IReadOnlyList<string> Scenarios)>();
                foreach (var scenarios in wave)
                {
                    jobs.Add((shard, ChildNames.ProbeJob(run, attempt, shard), scenarios));
                    shard++;
                }

                var missing = jobs.Where(j => !observation.ProbeJobs.ContainsKey(j.Name)).ToList();
                var progress = $"Attempt {attempt}: probing {string.Join(", ", wave.SelectMany(s => s))}.";
                if (missing.Count > 0)
                {
                    return new Outcome(
                        [.. missing.Select(j => new CreateChild(ProbeJobManifest.Build(run, settings, urls, attempt, j.Shard, j.Scenarios, deadlineSeconds)))],
                        null,
                        progress);
                }

                if (jobs.Any(j => observation.ProbeJobs[j.Name].Progress == JobProgress.Running))
                {
                    return new Outcome([], null, progress);
                }

                foreach (var outcome in jobs.SelectMany(j => ProbeResults.FromJob(observation.ProbeJobs[j.Name], j.Scenarios, attempt)))
                {
                    outcomes[outcome.Name] = outcome;
                }
            }

            pending = [.. pending.Where(s => !outcomes[s].Succeeded)];
        }

        return new Outcome([], [.. spec.Scenarios!.Select(s => outcomes[s])], "Probes finished.");
    }
}
