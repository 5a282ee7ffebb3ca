using Netra.Probes.Report;
using Netra.Probes.Running;

namespace Netra.Probes.Tests.Support;

/// <summary>An observer for a run whose cases are read from its report.</summary>
public sealed class NoObserver : IRunObserver
{
    public void CaseFinished(CaseResult result)
    {
    }
}
