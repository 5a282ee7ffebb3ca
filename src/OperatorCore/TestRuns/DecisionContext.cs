using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// What every stage of <see cref="TestRunDecider"/> decides with besides the observation: the operator's settings, the
/// time, and the actions an earlier stage left for the decision that follows (a finalizer to add first).
/// </summary>
public sealed class DecisionContext(ControllerSettings settings, DateTimeOffset now)
{
    private readonly List<ChildAction> _first = [];

    public ControllerSettings Settings { get; } = settings;

    public DateTimeOffset Now { get; } = now;

    /// <summary>An action the decision must begin with, whichever stage makes it.</summary>
    public void First(ChildAction action) => _first.Add(action);

    /// <summary>The time left before the run's timeout, counted from its own start (a run not started has it all).</summary>
    public TimeSpan Remaining(TestRunObservation observation) => Remaining(observation.Run, observation.Spec, Now);

    /// <summary>What a run has left of its timeout at <paramref name="now"/>, counted from its own start (all of it before).</summary>
    public static TimeSpan Remaining(TestRun run, ResolvedSpec spec, DateTimeOffset now) =>
        (run.Status?.StartTime ?? now) + spec.TimeoutSpan - now;

    /// <summary>The remaining time in whole seconds, rounded up: the deadline of a Job created now.</summary>
    public long DeadlineSeconds(TestRunObservation observation) => (long)Math.Ceiling(Remaining(observation).TotalSeconds);

    public TestRunDecision Complete(TestRunDecision decision) =>
        _first.Count == 0 ? decision : decision with { Actions = [.. _first, .. decision.Actions] };
}
