using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Probes.Contract;
using Netra.Probes.Report;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// A failed deploy in the reports: the test suite <c>deploy</c>, one case in error whose message is why the run ended and
/// whose evidence is the kept <see cref="DeployEvidence"/> as lines (JUnit <c>system-out</c>, <c>evidence</c> in JSON).
/// </summary>
public static class DeployEvidenceReport
{
    public const string Suite = "deploy";

    public const string CaseId = "deploy/helm-upgrade";

    /// <summary>The report with the deploy's suite first, when the run kept deploy evidence.</summary>
    public static RunReport With(RunReport report, TestRun run, string? kept)
    {
        if (kept is null)
        {
            return report;
        }

        var message = run.Status?.Conditions.Find(ConditionTypes.Finished)?.Message ?? "The deploy failed.";
        var deploy = new CaseResult(
            CaseId,
            Suite,
            "helm upgrade --install of auth, agent and backend into the run's namespace",
            CaseOutcome.Error,
            TimeSpan.Zero,
            message,
            Evidence: DeployEvidenceText.Lines(kept));
        return report with { Scenarios = [new ScenarioResult(Suite, [deploy], TimeSpan.Zero), .. report.Scenarios] };
    }

    /// <summary>The report without the deploy's suite (for where its evidence is shown whole apart).</summary>
    public static RunReport Without(RunReport report) => report with { Scenarios = [.. report.Scenarios.Where(s => s.Name != Suite)] };

    /// <summary>The deploy's evidence lines, when the report holds them.</summary>
    public static IReadOnlyList<string>? Evidence(RunReport report) =>
        report.Scenarios.FirstOrDefault(s => s.Name == Suite)?.Cases.FirstOrDefault(c => c.Id == CaseId)?.Evidence;
}
