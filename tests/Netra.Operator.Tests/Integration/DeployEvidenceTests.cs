using k8s;
using Netra.Operator.Cli;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A failed deploy keeps what it said: helm's output (the deploy pod's termination message), and the pods that are not
/// Ready with their Events and what their logs give, in the run's results ConfigMap; the run's message and Event point
/// there, and <c>netra-operator results</c> prints it and writes it to JUnit and JSON. The helm stand-in gives up on a
/// release whose image tag no registry has, as <c>helm --wait</c> does, leaving its pod Pending with the kubelet's Event.
/// </summary>
public sealed class DeployEvidenceTests(OperatorTestBedFixture bed) : WithOperator(bed, "evidence", Settings)
{
    private static readonly ControllerSettings Settings = OperatorTestBed.Defaults with
    {
        Policy = Netra.TestBed.HelmStandIn.AllowingImageTags(OperatorTestBed.Defaults.Policy),
    };

    [Fact]
    public async Task A_failed_deploy_keeps_helms_output_and_the_pods_events_and_results_prints_and_reports_them()
    {
        var ns = await Bed.CreateNamespaceAsync("evidence");
        await Bed.CreateRunAsync(ns, Netra.TestBed.HelmStandIn.NeverReadyRun("no-image"));

        var run = await Bed.WaitForPhaseAsync(ns, "no-image", Phases.Failed);

        var finished = run.Status!.Conditions.Find(ConditionTypes.Finished)!;
        Assert.Equal(Reasons.DeployFailed, finished.Reason);
        Assert.EndsWith($". Evidence: netra-operator results no-image -n {ns}", finished.Message, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(
            async () => (await Bed.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items
                .Any(e => e.Reason == Reasons.DeployFailed && e.Message.Contains("Evidence: netra-operator results no-image", StringComparison.Ordinal)),
            "DeployFailed Event pointing to the evidence",
            OperatorTestBed.Deadline);
        var kept = await Bed.Admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ResultsConfigMap(run), ns);
        Assert.InRange(kept.Data[DeployEvidence.Key].Length, 1, DeployEvidence.MaxBytes);

        using var fetched = await FetchedResults.FetchAsync(Bed, ns, "no-image");
        var exit = fetched.Exit;

        Assert.True(exit.Code == ExitCodes.Failed, exit.ToString());
        var printed = exit.StderrLines.ToList();
        var helm = printed.FindIndex(l => l.StartsWith("helm output", StringComparison.Ordinal));
        var backendPod = printed.FindIndex(l => l.StartsWith("pod netra-backend-", StringComparison.Ordinal));
        Assert.True(helm >= 0 && backendPod > helm, exit.ToString());
        Assert.Contains($"  {Netra.TestBed.HelmStandIn.WaitGaveUp}", printed);
        Assert.Contains(printed, l => l.StartsWith("pod netra-deploy-", StringComparison.Ordinal) && l.EndsWith(": Failed", StringComparison.Ordinal));
        Assert.Contains(printed.Skip(backendPod), l => l.Contains("event Warning Failed ×3", StringComparison.Ordinal)
            && l.Contains($"netra-backend:{KubeletStandIn.MissingImageMarker}\": not found", StringComparison.Ordinal));
        // A pod no node runs has an empty log (the API server answers so without a kubelet): said in one line.
        Assert.Contains("  log: empty (nothing written, or the container never started)", printed.Skip(backendPod));

        var deploy = fetched.JUnit.Descendants("testsuite").First();
        Assert.Equal(DeployEvidenceReport.Suite, deploy.Attribute("name")!.Value);
        var testcase = deploy.Element("testcase")!;
        Assert.NotNull(testcase.Element("error"));
        var output = testcase.Element("system-out")!.Value;
        Assert.Contains(Netra.TestBed.HelmStandIn.WaitGaveUp, output, StringComparison.Ordinal);
        Assert.Contains("pod netra-backend-", output, StringComparison.Ordinal);

        var first = fetched.Json.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(DeployEvidenceReport.Suite, first.GetProperty("name").GetString());
        var evidence = first.GetProperty("cases")[0].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains($"  {Netra.TestBed.HelmStandIn.WaitGaveUp}", evidence);
    }
}
