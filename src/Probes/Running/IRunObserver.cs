using Netra.Probes.Report;

namespace Netra.Probes.Running;

/// <summary>Hears of each case as it finishes, for live progress. Called from several scenarios at once.</summary>
public interface IRunObserver
{
    void CaseFinished(CaseResult result);
}
