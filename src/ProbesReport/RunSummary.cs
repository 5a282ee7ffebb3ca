using Netra.Probes.Contract;
namespace Netra.Probes.Report;

/// <summary>Counts of case outcomes; errors are counted apart from failures but both fail a run.</summary>
public sealed record RunSummary(int Total, int Passed, int Failed, int Skipped, int Errors)
{
    public bool Succeeded => Total > 0 && Failed == 0 && Errors == 0 && Passed > 0;

    public static RunSummary Of(IEnumerable<CaseResult> cases)
    {
        int total = 0, passed = 0, failed = 0, skipped = 0, errors = 0;
        foreach (var c in cases)
        {
            total++;
            switch (c.Outcome)
            {
                case CaseOutcome.Passed: passed++; break;
                case CaseOutcome.Failed: failed++; break;
                case CaseOutcome.Skipped: skipped++; break;
                case CaseOutcome.Error: errors++; break;
            }
        }

        return new RunSummary(total, passed, failed, skipped, errors);
    }
}
