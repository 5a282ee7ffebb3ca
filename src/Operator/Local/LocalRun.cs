using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;

namespace Netra.Operator.Local;

/// <summary>
/// A TestRun executed on this machine: the environment started in process (or the spec's existing
/// endpoints), the selected scenarios probed with the spec's parallelism and retries, the result
/// written to the TestRun's status as the controller would write it.
/// </summary>
public sealed class LocalRun(IRunObserver observer, TimeProvider time)
{
    /// <summary>Tells what the run is doing between scenarios (environment up, retries).</summary>
    public event Action<string>? Progress;

    public async Task<TestRun> ExecuteAsync(TestRun run, CancellationToken cancellationToken)
    {
        var spec = TestRunDefaults.Apply(run.Spec);
        var generation = run.Metadata.Generation ?? 1;
        var problems = TestRunValidation.Validate(spec);
        if (problems.Count > 0)
        {
            run.Status = new TestRunStatus
            {
                Phase = Phases.Pending,
                ObservedGeneration = generation,
                Conditions = RunConditions.InvalidSpec(string.Join(" ", problems), generation, time.GetUtcNow(), []),
            };
            return run;
        }

        var started = time.GetUtcNow();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(GoDuration.Parse(spec.Timeout));

        IReadOnlyList<ScenarioOutcome> outcomes;
        EnvironmentStatus environmentStatus;
        try
        {
            (outcomes, environmentStatus) = await ProbeAsync(spec, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            run.Status = Finished(generation, started, [], null, Reasons.TimedOut, $"The run did not finish within its timeout of {spec.Timeout}.");
            return run;
        }

        var summary = ResultsStatus.Summarize(outcomes);
        var succeeded = summary.Failed == 0 && summary.Passed > 0;
        var message = $"{summary.Passed} of {summary.Total} cases passed, {summary.Failed} failed, {summary.Skipped} skipped.";
        run.Status = Finished(generation, started, outcomes, environmentStatus, succeeded ? null : Reasons.TestsFailed, message);
        return run;
    }

    private async Task<(IReadOnlyList<ScenarioOutcome>, EnvironmentStatus)> ProbeAsync(TestRunSpec spec, CancellationToken cancellationToken)
    {
        await using var environment = spec.Environment.Mode == EnvironmentModes.Ephemeral
            ? await LocalEnvironment.StartAsync(cancellationToken)
            : null;
        var targets = environment?.Targets ?? ExistingTargets(spec.Environment.Endpoints!);
        Progress?.Invoke(environment is null
            ? $"Probing existing services: auth {targets.AuthUrl}, backend {targets.BackendUrl}, agent {targets.AgentUrl}"
            : $"Services started in process: auth {targets.AuthUrl}, backend {targets.BackendUrl}, agent {targets.AgentUrl}");

        using var http = new HttpClient();
        var context = new ProbeContext(targets, ProbeCredentials.FromEnvironment(Environment.GetEnvironmentVariable), http);
        var runner = new ProbeRunner(context, observer, TimeSpan.FromSeconds(30));
        var outcomes = await ProbeWithRetriesAsync(runner, ScenarioCatalog.Select([.. spec.Scenarios!]).Scenarios, spec, cancellationToken);
        if (environment is not null && !outcomes.All(o => o.Succeeded))
        {
            environment.KeepFiles = true;
            Progress?.Invoke($"Service logs kept in {environment.Folder.FullName}");
        }

        // The in-process services stop with this method, so by the time the status is read they are gone.
        var state = environment is null ? "External" : "Removed";
        return (outcomes, new EnvironmentStatus { DeployState = state });
    }

    /// <summary>Runs every scenario, then again those that failed, up to the spec's retries; the last attempt counts.</summary>
    private async Task<IReadOnlyList<ScenarioOutcome>> ProbeWithRetriesAsync(
        ProbeRunner runner, IReadOnlyList<IScenario> scenarios, TestRunSpec spec, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ScenarioOutcome>();
        var pending = scenarios;
        for (var attempt = 1; pending.Count > 0 && attempt <= 1 + spec.Retries!.Value; attempt++)
        {
            if (attempt > 1)
            {
                Progress?.Invoke($"Retry {attempt - 1} of {spec.Retries}: {string.Join(", ", pending.Select(s => s.Name))}");
            }

            var report = await runner.RunAsync(pending, spec.Parallelism!.Value, cancellationToken);
            foreach (var result in report.Scenarios)
            {
                outcomes[result.Name] = ProbeOutcomes.From(result, attempt);
            }

            pending = [.. pending.Where(s => !outcomes[s.Name].Succeeded)];
        }

        return [.. scenarios.Select(s => outcomes[s.Name])];
    }

    private TestRunStatus Finished(
        long generation, DateTimeOffset started, IReadOnlyList<ScenarioOutcome> outcomes, EnvironmentStatus? environment, string? failureReason, string message)
    {
        var now = time.GetUtcNow();
        return new TestRunStatus
        {
            Phase = failureReason is null ? Phases.Succeeded : Phases.Failed,
            ObservedGeneration = generation,
            Conditions = failureReason is null
                ? RunConditions.Succeeded(message, generation, now, [])
                : RunConditions.Failed(failureReason, message, generation, now, []),
            StartTime = started,
            CompletionTime = now,
            Duration = GoDuration.Format(now - started),
            Summary = ResultsStatus.Summarize(outcomes),
            Scenarios = ResultsStatus.Scenarios(outcomes),
            Environment = environment,
        };
    }

    private static ProbeTargets ExistingTargets(EndpointsSpec endpoints) =>
        new(new Uri(endpoints.AuthUrl!), new Uri(endpoints.BackendUrl!), new Uri(endpoints.AgentUrl!));
}
