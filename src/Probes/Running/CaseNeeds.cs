namespace Netra.Probes.Running;

/// <summary>
/// What a case needs from the services and from the run. The runner checks each need before the case
/// starts (<see cref="CasePreconditions"/>) and reports the case Skipped, with the reason, when one is
/// missing or when the run's profile does not allow it.
/// </summary>
[Flags]
public enum CaseNeeds
{
    None = 0,

    /// <summary>Injects faults into the agent's runs (<c>Agent:FaultInjection:Enabled</c>). Full profile only.</summary>
    FaultInjection = 1,

    /// <summary>Watches a token expire: the expiry user's tokens must live seconds. Full profile only.</summary>
    ShortTokens = 2,

    /// <summary>Waits for the backend's periodic re-check to notice a revocation: the interval must fit in the case's deadline.</summary>
    RevocationRecheck = 4,

    /// <summary>Compares the answers of two runs: only the scripted model answers the same twice.</summary>
    ScriptedModel = 8,

    /// <summary>Reads the circuit breaker after <c>breaker-opens</c> opened it in this run.</summary>
    BreakerOpened = 16,

    /// <summary>Drives a user into a per-user limit (message rate, connections), which throttles that user for a while. Full profile
    /// only.</summary>
    Throttling = 32,

    /// <summary>Starts agent runs: with a real model each one costs, so the safe profile runs these only on the scripted model.</summary>
    ModelRuns = 64,
}
