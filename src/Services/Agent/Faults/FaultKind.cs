namespace Netra.Agent.Faults;

/// <summary>The faults a run may ask for (see the README for what <c>count</c> means for each).</summary>
public enum FaultKind
{
    /// <summary>The next <c>count</c> model calls of the run fail with a transient error.</summary>
    LlmFailure,

    /// <summary>The next <c>count</c> model calls of the run hang until the per-attempt timeout.</summary>
    LlmTimeout,

    /// <summary>The next <c>count</c> tool executions of the run fail.</summary>
    ToolFailure,

    /// <summary>The run may take only <c>count</c> steps (model calls and tool executions); the next one exhausts it.</summary>
    ResourceExhaustion,
}
