using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Testing;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// A schedule's rollout trigger on the backend Deployment, rolled out ten times while the leading operator pod is killed
/// twice: one run per revision, each probing only pods of its revision (the <c>Netra-Pod</c> header the probes record),
/// and each verdict on the Deployment within 5 s of its run's end.
/// </summary>
[Collection(ClusterDefinition.Name)]
[Trait("Category", "Cluster")]
public sealed class SettledRolloutTests(ClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Ns = ClusterFixture.ServicesNamespace;
    private const string Backend = "netra-backend";
    private const int Rollouts = 10;
    private static readonly TimeSpan VerdictWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ten_rollouts_with_the_operator_killed_twice_give_ten_runs_each_on_new_pods_and_verdicts_within_5_s()
    {
        await CreateScheduleAsync();
        try
        {
            // A rollout before the schedule first looked would be the revision it starts from, not one to test.
            await Eventually.WaitUntilAsync(
                async () => (await ScheduleAsync()).Status?.Workloads.Any(w => w.Name == Backend) == true,
                $"the schedule accounting for {Backend}", ClusterFixture.Deadline);
            var revisions = new List<string>();
            for (var rollout = 1; rollout <= Rollouts; rollout++)
            {
                if (rollout is 4 or 8)
                {
                    await KillLeaderAsync();
                }

                var rolledOut = DateTimeOffset.UtcNow;
                await RollOutAsync(rollout);
                var run = await WaitForRunAsync(rollout);
                var verified = Assert.Single(VerifiedWorkloads.Of(run));
                revisions.Add(verified.Revision);
                var verdictAfter = await AssertVerdictWithinAsync(run);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rollout {rollout}: {run.Metadata.Name} finished {(FinishedAt(run) - rolledOut).TotalSeconds:0} s after the patch, verdict after {verdictAfter.TotalSeconds:0.0} s"));
                await AssertAnsweredByCurrentPodsAsync(run);
            }

            var runs = await ScheduleRunsAsync();
            Assert.Equal(Rollouts, runs.Count);
            Assert.Equal(Rollouts, revisions.Distinct().Count());
        }
        finally
        {
            await cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, Ns, TestRunSchedule.Plural, "rollouts");
        }
    }

    private Task<object> CreateScheduleAsync() => cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
        Netra.Charts.YamlNodes.Load($$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRunSchedule
            metadata: {name: rollouts}
            spec:
              triggers:
                rollouts:
                  selector:
                    matchLabels: {app.kubernetes.io/name: {{Backend}}}
                  settleTime: 1s
              successfulRunsHistoryLimit: {{Rollouts}}
              failedRunsHistoryLimit: {{Rollouts}}
              template:
                scenarios: [thread-management]
                # A WebSocket case can miss its connect timeout on a loaded machine: once more before it counts.
                retries: 1
                environment:
                  mode: Existing
                  endpoints: {{ClusterFixture.Endpoints}}
            """)!,
        TestRun.Group, TestRun.Version, Ns, TestRunSchedule.Plural);

    /// <summary>Killed at once, as a node failure would: the other replica takes over once the Lease expires.</summary>
    private async Task KillLeaderAsync()
    {
        var leader = await cluster.Runs.LeaseHolderAsync("netra-operator", ClusterFixture.OperatorNamespace);
        Assert.NotNull(leader);
        await cluster.Admin.CoreV1.DeleteNamespacedPodAsync(leader, ClusterFixture.OperatorNamespace, new V1DeleteOptions { GracePeriodSeconds = 0 });
    }

    private async Task RollOutAsync(int rollout)
    {
        var annotations = new JsonObject { ["netra.io/test-rollout"] = rollout.ToString(CultureInfo.InvariantCulture) };
        var patch = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } } } };
        await cluster.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Backend, Ns);
    }

    /// <summary>The rollout's run, once finished and passed: the schedule's only run beyond the earlier rollouts'.</summary>
    private async Task<TestRun> WaitForRunAsync(int rollout)
    {
        TestRun? run = null;
        try
        {
            await Eventually.WaitUntilAsync(
                async () => (await ScheduleRunsAsync()) is { } runs && runs.Count >= rollout
                    && (run = runs.MaxBy(r => r.Metadata.CreationTimestamp)) is not null && ScheduledRuns.IsFinished(run),
                $"the run of rollout {rollout} finished", TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException timedOut)
        {
            var runs = string.Join(", ", (await ScheduleRunsAsync()).Select(r => $"{r.Metadata.Name} {r.Status?.Phase}"));
            throw new TimeoutException(
                $"{timedOut.Message}\nruns: {runs}\nschedule status: {KubernetesJson.Serialize((await ScheduleAsync()).Status)}", timedOut);
        }

        var finished = await cluster.WaitForFinishedAsync(Ns, run!.Metadata.Name, ClusterFixture.Deadline);
        Assert.True(finished.Status!.Phase == Phases.Succeeded, finished.Status.Conditions.Find(ConditionTypes.Finished)?.Message);
        Assert.Equal(rollout, (await ScheduleRunsAsync()).Count);
        return finished;
    }

    /// <summary>From the time the run's Finished condition was written (whole seconds, so at most a second early) to the annotation.</summary>
    private async Task<TimeSpan> AssertVerdictWithinAsync(TestRun run)
    {
        var finishedAt = FinishedAt(run);
        string? verdict = null;
        await Eventually.WaitUntilAsync(
            async () => (verdict = Annotation(await cluster.Admin.AppsV1.ReadNamespacedDeploymentAsync(Backend, Ns))) is { } value
                && value.EndsWith(":Passed", StringComparison.Ordinal) && Revision(value) == await CurrentRevisionAsync(),
            $"netra.io/verified on {Backend} for {run.Metadata.Name}", ClusterFixture.Deadline);
        var written = DateTimeOffset.UtcNow;
        Assert.True(written - finishedAt <= VerdictWithin + TimeSpan.FromSeconds(1),
            $"{verdict} seen {(written - finishedAt).TotalSeconds:0.0} s after {run.Metadata.Name} finished");
        return written - finishedAt;

        static string? Annotation(V1Deployment deployment) =>
            deployment.Metadata.Annotations?.TryGetValue(VerdictWriteback.Annotation, out var value) == true ? value : null;
        static string Revision(string verdict) => verdict[..verdict.LastIndexOf(':')];
    }

    /// <summary>Every backend pod that answered a probe belongs to the ReplicaSet of the Deployment's current revision.</summary>
    private async Task AssertAnsweredByCurrentPodsAsync(TestRun run)
    {
        var results = await cluster.Admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ResultsConfigMap(run), Ns);
        var report = JsonNode.Parse(results.Data[ResultsStage.ReportKey])!;
        var answered = report["scenarios"]!.AsArray()
            .SelectMany(scenario => scenario!["answered_by"]?["backend"]?.AsArray() ?? [])
            .Select(name => name!.GetValue<string>())
            .ToList();
        Assert.NotEmpty(answered);

        var revision = await CurrentRevisionAsync();
        var current = (await cluster.Admin.AppsV1.ListNamespacedReplicaSetAsync(Ns)).Items.Single(set =>
            set.Metadata.OwnerReferences?.Any(o => o.Name == Backend) == true
            && set.Metadata.Annotations?[VerdictWriteback.DeploymentRevisionAnnotation] == revision);
        Assert.All(answered, pod => Assert.StartsWith(current.Metadata.Name + "-", pod, StringComparison.Ordinal));
    }

    private static DateTimeOffset FinishedAt(TestRun run) => run.Status!.Conditions.Find(ConditionTypes.Finished)!.LastTransitionTime;

    private async Task<string> CurrentRevisionAsync() =>
        (await cluster.Admin.AppsV1.ReadNamespacedDeploymentAsync(Backend, Ns)).Metadata.Annotations[VerdictWriteback.DeploymentRevisionAnnotation];

    private Task<TestRunSchedule> ScheduleAsync() => cluster.Admin.CustomObjects.GetAsync<TestRunSchedule>(
        TestRun.Group, TestRun.Version, Ns, TestRunSchedule.Plural, "rollouts", CancellationToken.None);

    private async Task<List<TestRun>> ScheduleRunsAsync() => [
        .. (await cluster.Admin.CustomObjects.ListAsync<TestRun>(
            TestRun.Group, TestRun.Version, Ns, TestRun.Plural, $"{ScheduledRuns.ScheduleLabel}=rollouts")).Items,
    ];
}
