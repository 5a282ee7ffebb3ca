namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>The words a TestRun's spec and status use, as the CRD spells them.</summary>
public static class Phases
{
    public const string Pending = "Pending";
    public const string Deploying = "Deploying";
    public const string Probing = "Probing";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

/// <summary>A scenario's result in <c>status.scenarios</c>.</summary>
public static class ScenarioResults
{
    public const string Passed = "Passed";

    /// <summary>Failed, then passed on a retry (<c>spec.retries</c>): it does not fail the run.</summary>
    public const string Flaky = "Flaky";

    public const string Failed = "Failed";
    public const string Skipped = "Skipped";

    /// <summary>Passed, or passed on a retry: the scenario did not fail.</summary>
    public static bool Passing(string? result) => result is Passed or Flaky;

    /// <summary>The run ended (timed out, was cancelled) before the scenario finished.</summary>
    public const string NotRun = "NotRun";
}

/// <summary>Where an Ephemeral run's environment stands (<c>status.environment.deployState</c>).</summary>
public static class DeployStates
{
    public const string Deploying = "Deploying";
    public const string Deployed = "Deployed";
    public const string Failed = "Failed";

    /// <summary>The namespace is being deleted.</summary>
    public const string Removing = "Removing";

    /// <summary>The namespace is gone.</summary>
    public const string Removed = "Removed";

    /// <summary>Existing mode: the services are not the operator's.</summary>
    public const string External = "External";
}

public static class EnvironmentModes
{
    public const string Ephemeral = "Ephemeral";
    public const string Existing = "Existing";
}

/// <summary>What the probes may do to the services they check.</summary>
public static class Profiles
{
    /// <summary>Safe against production: read-mostly, no fault injection, no waiting for token expiry.</summary>
    public const string Safe = "Safe";

    /// <summary>Every case, for disposable environments.</summary>
    public const string Full = "Full";
}

public static class CleanupPolicies
{
    public const string Always = "Always";
    public const string OnSuccess = "OnSuccess";
    public const string Never = "Never";
}

/// <summary>
/// kstatus conditions: Ready and Succeeded say how it ended, Reconciling and Stalled how it goes; Finished is True
/// once the run is over whatever the outcome (what <c>kubectl wait --for=condition=Finished</c> waits for).
/// </summary>
public static class ConditionTypes
{
    public const string Finished = "Finished";
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Succeeded = "Succeeded";
}

public static class ConditionStatuses
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
