using System.Net;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Ui;
using Netra.TestBed;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// Blame end to end: a schedule verifies every rollout of the auth Deployment it watches; ten deploys, each a new image
/// (the services and their pods stood in by <see cref="ServiceRelease"/>), and from the seventh on a broken build that
/// fails a scenario. The schedule's status, its Event and its page in the results UI name the seventh run, its revision
/// and the image that changed.
/// </summary>
public sealed class ScheduleBlameTests(OperatorTestBedFixture bed) : WithOperator(bed, "blame")
{
    private const int Deploys = 10;
    private const int Broken = 7;

    private static string Schedule(string ns) => $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRunSchedule
        metadata: {name: verify}
        spec:
          successfulRunsHistoryLimit: 10
          failedRunsHistoryLimit: 10
          triggers:
            rollouts:
              selector:
                matchLabels: {tier: auth}
              settleTime: 1s
          template:
            scenarios: [auth-service-independence]
            environment:
              mode: Existing
              endpoints: {authUrl: "http://netra-auth.{{ns}}.svc", backendUrl: "http://netra-backend.{{ns}}.svc", agentUrl: "http://netra-agent.{{ns}}.svc"}
        """;

    private static string AuthImage(int deploy) =>
        $"ghcr.io/netra/netra-auth:1.0.{deploy}" + (deploy >= Broken ? $"-{ServiceRelease.BrokenBuildMarker}" : "");

    [Fact]
    public async Task Ten_deploys_with_a_regression_at_the_seventh_name_the_seventh_revision_and_the_changed_image()
    {
        var ns = await Bed.CreateNamespaceAsync("blame");
        var release = new ServiceRelease(Bed.Admin, Bed.Helm);
        await release.InstallAsync(ns, 0, Images("ghcr.io/netra/netra-auth:1.0.0"));
        await Bed.CreateDeploymentAsync(ns, "netra-auth", "ghcr.io/netra/netra-auth:1.0.0", new Dictionary<string, string> { ["tier"] = "auth" });
        await Bed.WriteRolloutStatusAsync(ns, "netra-auth");
        await Bed.CreateScheduleAsync(ns, Schedule(ns));
        await Bed.WaitForScheduleAsync(ns, "verify", s => s.Status?.Workloads.Count == 1, "the Deployment accounted for");

        var runs = new List<string>();
        TestRunSchedule schedule = null!;
        for (var deploy = 1; deploy <= Deploys; deploy++)
        {
            await release.InstallAsync(ns, deploy, Images(AuthImage(deploy)));
            await Bed.SetImageAsync(ns, "netra-auth", AuthImage(deploy));
            await Bed.SetDeploymentRevisionAsync(ns, "netra-auth", deploy);
            await Bed.WriteRolloutStatusAsync(ns, "netra-auth");
            var started = await Bed.WaitForScheduleAsync(
                ns, "verify", s => s.Status?.LastTrigger?.Run is { } run && !runs.Contains(run), $"the run of deploy {deploy} started");
            runs.Add(started.Status!.LastTrigger!.Run!);
            schedule = await Bed.WaitForScheduleAsync(
                ns, "verify", s => s.Status?.Results.Any(r => r.Name == runs[^1]) == true && s.Status.Active.Count == 0, $"the run of deploy {deploy} recorded");
            var result = schedule.Status!.Results.First(r => r.Name == runs[^1]);
            Assert.Equal(deploy >= Broken ? Phases.Failed : Phases.Succeeded, result.Phase);
            var tested = Assert.Single(result.Tested!.Images, i => i.Service == "auth");
            Assert.Equal((AuthImage(deploy), ServiceRelease.DigestOf(AuthImage(deploy))), (tested.Image, tested.Digest));
            Assert.StartsWith($"Deployment/{ns}/netra-auth@", result.Tested.Revision, StringComparison.Ordinal);
            Assert.Equal(deploy >= Broken ? runs[Broken - 1] : null, schedule.Status.Regression?.Run);
        }

        var regression = schedule.Status!.Regression!;
        var seventh = schedule.Status.Results.Single(r => r.Name == runs[Broken - 1]);
        var sixth = schedule.Status.Results.Single(r => r.Name == runs[Broken - 2]);
        Assert.Equal((seventh.Tested!.Revision, seventh.CompletionTime), (regression.Revision, regression.Since));
        Assert.Equal((runs[Broken - 2], sixth.Tested!.Revision), (regression.LastPassingRun, regression.LastPassingRevision));
        Assert.NotEqual(regression.Revision, regression.LastPassingRevision);
        Assert.Equal(["auth image", "auth digest", "revision"], regression.Changes.Select(c => c.What));
        Assert.Equal((AuthImage(Broken - 1), AuthImage(Broken)), (regression.Changes[0].From, regression.Changes[0].To));

        var events = (await Bed.Admin.CoreV1.ListNamespacedEventAsync(ns)).Items
            .Where(e => e.InvolvedObject.Name == "verify" && e.Reason == "Regression").ToList();
        var regressed = Assert.Single(events);
        Assert.Equal("Warning", regressed.Type);
        Assert.Contains($"TestRun {runs[Broken - 1]} (revision {regression.Revision})", regressed.Message, StringComparison.Ordinal);
        Assert.Contains($"auth image {AuthImage(Broken - 1)} -> {AuthImage(Broken)}", regressed.Message, StringComparison.Ordinal);

        var page = await SchedulePageAsync(ns);
        Assert.Contains("<h2>Failing since</h2>", page, StringComparison.Ordinal);
        Assert.Contains($">{runs[Broken - 1]}</a> (revision <code>{WebUtility.HtmlEncode(regression.Revision)}</code>) failed first", page,
            StringComparison.Ordinal);
        Assert.Contains($"<tr><td>auth image</td><td><code>{AuthImage(Broken - 1)}</code></td><td><code>{AuthImage(Broken)}</code></td></tr>",
            page, StringComparison.Ordinal);
    }

    /// <summary>
    /// The schedule's page in the results UI, as an administrator behind an authenticating proxy sees it (the UI served with
    /// the admin's client here: the fixture's operator account has no review rights without the chart's ui.enabled).
    /// </summary>
    private async Task<string> SchedulePageAsync(string ns)
    {
        await using var ui = UiServer.Start(
            Bed.Admin, new UiOptions { Address = "127.0.0.1", Port = 0, AuthProxy = new ProxyHeaders() }, NullLoggerFactory.Instance,
            TimeProvider.System);
        using var client = new HttpClient { BaseAddress = ui.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/namespaces/{ns}/testrunschedules/verify");
        request.Headers.Add("X-Remote-User", "platform-admin");
        request.Headers.Add("X-Remote-Group", "system:masters");
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string> Images(string auth) => new()
    {
        ["auth"] = auth, ["backend"] = "ghcr.io/netra/netra-backend:1.0.0", ["agent"] = "ghcr.io/netra/netra-agent:1.0.0",
    };
}
