using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// Decides <c>status.tested</c>, once, in the decision that ends a run: the revision (spec.revision, else the workloads a
/// schedule's rollout run verifies), the distinct images of the pods that answered the probes, and for an Ephemeral run
/// the charts as resolved and the hash of their values. Pure: from the observation and the operator's settings. A run
/// that runs again starts from a status without it, and records its own as it ends. The local run has no pods and
/// installs no charts (its services run in process, configured from the same values): it records the revision and the
/// values hash.
/// </summary>
public static class TestedRecord
{
    /// <summary>The decision, with status.tested when it ends the run now.</summary>
    public static TestRunDecision OnFinish(TestRunObservation observation, TestRunDecision decision, ControllerSettings settings) =>
        decision.Status is { Phase: Phases.Succeeded or Phases.Failed, Tested: null } ended
        && observation.Run.Status?.Phase is not (Phases.Succeeded or Phases.Failed)
            ? decision with { Status = ended with { Tested = Of(observation, settings) } }
            : decision;

    public static TestedStatus Of(TestRunObservation observation, ControllerSettings settings)
    {
        var ephemeral = observation.Spec.Ephemeral;
        return new TestedStatus
        {
            Revision = Revision(observation.Run),
            Images = Images(observation.Tested),
            Charts = ephemeral && observation.Tested is not null ? Charts(observation.Spec, settings) : [],
            ValuesHash = ephemeral ? ValuesHash.Of(EnvironmentManifests.Values(observation, settings)) : null,
        };
    }

    private static string? Revision(TestRun run)
    {
        var revision = run.Spec.Revision is { Length: > 0 } given ? given
            : run.Metadata.Annotations?.TryGetValue(VerifiedWorkloads.RunAnnotation, out var verifies) == true ? verifies
            : null;
        return revision is null ? null : PodText.OneLine(revision, TestedStatus.MaxRevisionChars);
    }

    private static IReadOnlyList<TestedImage> Images(TestedFacts? facts) =>
    [
        .. (facts?.Pods ?? TestedFacts.None.Pods)
            .Select(pod => new TestedImage { Service = pod.Key.Service, Image = pod.Value.Image, Digest = pod.Value.Digest })
            .Distinct()
            .OrderBy(image => TestedServices.All.ToList().IndexOf(image.Service))
            .ThenBy(image => image.Image, StringComparer.Ordinal)
            .ThenBy(image => image.Digest, StringComparer.Ordinal)
            .Take(TestedStatus.MaxImages),
    ];

    private static IReadOnlyList<TestedChart> Charts(ResolvedSpec spec, ControllerSettings settings) =>
    [
        Chart(TestedServices.Auth, spec.Charts?.Auth, settings.AuthChart),
        Chart(TestedServices.Backend, spec.Charts?.Backend, settings.BackendChart),
        Chart(TestedServices.Agent, spec.Charts?.Agent, settings.AgentChart),
    ];

    private static TestedChart Chart(string service, ChartSpec? chart, string operatorDefault)
    {
        var reference = DeployJobManifest.ChartOf(chart, operatorDefault);
        var version = reference == BundledCharts.Reference ? BundledCharts.Version(service) : chart?.Version;
        return new TestedChart { Service = service, Chart = reference, Version = version is { Length: > 0 } ? version : null };
    }
}
