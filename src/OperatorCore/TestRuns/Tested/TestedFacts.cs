namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// What the observer read of what a run tests: the image of each pod that answered its probes, by service and pod name.
/// The operator's observer always gives one (empty once the run has finished: it is recorded by then); the local run,
/// which has neither pods nor charts, gives none.
/// </summary>
public sealed record TestedFacts(IReadOnlyDictionary<(string Service, string Pod), PodImage> Pods)
{
    public static TestedFacts None { get; } = new(new Dictionary<(string, string), PodImage>());
}
