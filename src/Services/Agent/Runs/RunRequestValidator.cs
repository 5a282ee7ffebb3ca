using Netra.Agent.Faults;
using Netra.Agent.Supervisor;

namespace Netra.Agent.Runs;

/// <summary>What a run request must satisfy before a run is admitted; each refusal names a stable code.</summary>
public static class RunRequestValidator
{
    public const int MaxIdLength = 128;
    public const int MaxInputLength = 32_000;

    /// <summary>The largest request body: the longest input escaped in full (6 bytes a character) and room for the rest.</summary>
    public const int MaxRequestBytes = (MaxInputLength * 6) + (64 * 1024);

    /// <summary>A refusal: the problem's code and its detail.</summary>
    public sealed record Refusal(string Code, string Detail);

    /// <summary>The run's faults, or why the request is refused.</summary>
    public static RunFaults? Validate(RunRequest request, bool faultInjectionEnabled, out Refusal? refusal)
    {
        refusal = FirstProblem(request, faultInjectionEnabled);
        if (refusal is not null || request.Fault is null)
        {
            return refusal is null ? RunFaults.None : null;
        }

        var faults = request.Fault.TryCreate(out var faultError);
        refusal = faultError is null ? null : new Refusal("invalid_fault", faultError);
        return faults;
    }

    private static Refusal? FirstProblem(RunRequest request, bool faultInjectionEnabled)
    {
        if (!IsId(request.UserId) || !IsId(request.ThreadId))
        {
            return new("invalid_request", $"user_id and thread_id are required, at most {MaxIdLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(request.Input) || request.Input.Length > MaxInputLength)
        {
            return new("invalid_request", $"input is required, at most {MaxInputLength} characters.");
        }

        if (request.RunId is not null && !IsId(request.RunId))
        {
            return new("invalid_request", $"run_id, when given, must be 1 to {MaxIdLength} characters without spaces.");
        }

        if (request.Agent is not null && SubAgentCatalog.Find(request.Agent) is null)
        {
            return new("unknown_agent", $"agent must be one of {string.Join(", ", SubAgentCatalog.Names)}.");
        }

        if (request.Fault is not null && !faultInjectionEnabled)
        {
            return new("fault_injection_disabled", "This agent was not started with Agent:FaultInjection:Enabled=true.");
        }

        return null;
    }

    private static bool IsId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && !value.Any(char.IsWhiteSpace) && !value.Any(char.IsControl);
}
