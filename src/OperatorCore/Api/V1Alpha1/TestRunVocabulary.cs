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

public static class EnvironmentModes
{
    public const string Ephemeral = "Ephemeral";
    public const string Existing = "Existing";
}

public static class CleanupPolicies
{
    public const string Always = "Always";
    public const string OnSuccess = "OnSuccess";
    public const string Never = "Never";
}

/// <summary>kstatus conditions: Ready and Succeeded say how it ended, Reconciling and Stalled how it goes.</summary>
public static class ConditionTypes
{
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
