using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Manifests;
using Netra.Operator.Core.TestRuns.Tested;

namespace Netra.Operator.Tests.TestRuns;

public sealed class TestedRecordTests
{
    private static readonly ControllerSettings Settings = new() { Policy = new TenantPolicy { Charts = ["bundled", "oci://example/"] } };
    private static readonly DateTimeOffset Now = Runs.Start.AddSeconds(30);
    private static readonly string DigestA = "sha256:" + new string('a', 64);
    private static readonly string DigestB = "sha256:" + new string('b', 64);

    [Fact]
    public void An_ephemeral_run_records_as_it_ends_its_revision_the_images_that_answered_its_charts_and_their_values_hash()
    {
        var run = Runs.Ephemeral(r =>
        {
            r.Spec.Revision = "git:abc123";
            r.Spec.Environment.Charts = new ChartsSpec { Agent = new ChartSpec { Chart = "oci://example/netra-agent", Version = "1.2.3" } };
            r.Status = Runs.Started(Phases.Probing);
        });
        var facts = Facts(
            (("backend", "netra-backend-1"), new PodImage("ghcr.io/netra/netra-backend:1.0", DigestA)),
            (("backend", "netra-backend-2"), new PodImage("ghcr.io/netra/netra-backend:1.0", DigestA)),
            (("auth", "netra-auth-1"), new PodImage("ghcr.io/netra/netra-auth:1.0", DigestB)));
        var observation = Finishing(run, facts);

        var tested = TestRunDecider.Decide(observation, Settings, Now).Status!.Tested!;

        Assert.Equal("git:abc123", tested.Revision);
        Assert.Equal(
            [("auth", "ghcr.io/netra/netra-auth:1.0", DigestB), ("backend", "ghcr.io/netra/netra-backend:1.0", DigestA)],
            tested.Images.Select(i => (i.Service, i.Image, i.Digest!)));
        Assert.Equal(
            [("auth", "bundled", "0.1.0"), ("backend", "bundled", "0.1.0"), ("agent", "oci://example/netra-agent", "1.2.3")],
            tested.Charts.Select(c => (c.Service, c.Chart, c.Version!)));
        Assert.Equal(ValuesHash.Of(EnvironmentManifests.Values(observation, Settings)), tested.ValuesHash);
        Assert.Matches("^sha256:[0-9a-f]{64}$", tested.ValuesHash);
    }

    [Fact]
    public void Other_values_hash_otherwise_and_the_same_values_in_another_order_hash_the_same()
    {
        static V1ConfigMap Values(string json) => new() { Data = new Dictionary<string, string> { ["auth.json"] = json } };

        Assert.Equal(ValuesHash.Of(Values("""{"a":1,"b":{"c":2,"d":[1,2]}}""")), ValuesHash.Of(Values("""{"b":{"d":[1,2],"c":2},"a":1}""")));
        Assert.NotEqual(ValuesHash.Of(Values("""{"a":1}""")), ValuesHash.Of(Values("""{"a":2}""")));
        Assert.NotEqual(ValuesHash.Of(Values("""{"b":{"d":[1,2]}}""")), ValuesHash.Of(Values("""{"b":{"d":[2,1]}}""")));
    }

    [Fact]
    public void Two_runs_of_the_same_values_hash_the_same_though_each_has_a_namespace_of_its_own()
    {
        TestRunObservation Observed(string uid, string? backendTag) => Runs.Observe(Runs.Ephemeral(r =>
        {
            r.Metadata.Uid = uid;
            r.Spec.Environment.Charts = new ChartsSpec
            {
                Backend = new ChartSpec { Values = backendTag is null ? null : new JsonObject { ["image"] = new JsonObject { ["tag"] = backendTag } } },
            };
        }));
        var first = EnvironmentManifests.Values(Observed("aaaaaaaa-0000-4000-8000-000000000001", null), Settings);
        var second = EnvironmentManifests.Values(Observed("bbbbbbbb-0000-4000-8000-000000000002", null), Settings);
        Assert.NotEqual(first.Data["backend.json"], second.Data["backend.json"]);

        Assert.Equal(ValuesHash.Of(first), ValuesHash.Of(second));
        Assert.NotEqual(ValuesHash.Of(first), ValuesHash.Of(EnvironmentManifests.Values(Observed("aaaaaaaa-0000-4000-8000-000000000001", "1.1"), Settings)));
    }

    [Fact]
    public void A_schedules_rollout_run_without_a_revision_records_the_workloads_it_verifies_and_an_existing_run_no_charts()
    {
        var run = Runs.Existing(r =>
        {
            r.Metadata.Annotations = new Dictionary<string, string> { [VerifiedWorkloads.RunAnnotation] = "Deployment/apps/api@7f9c" };
            r.Status = Runs.Started(Phases.Probing);
        });

        var tested = TestRunDecider.Decide(Finishing(run, TestedFacts.None), Settings, Now).Status!.Tested!;

        Assert.Equal(("Deployment/apps/api@7f9c", null), (tested.Revision, tested.ValuesHash));
        Assert.Empty(tested.Charts);
        Assert.Empty(tested.Images);
    }

    [Fact]
    public void The_local_run_which_has_no_pods_nor_charts_records_its_revision_and_values_hash_and_a_long_revision_is_cut()
    {
        var run = Runs.Ephemeral(r => { r.Spec.Revision = new string('r', 300); r.Status = Runs.Started(Phases.Probing); });
        var local = Finishing(run, facts: null);

        var tested = TestRunDecider.Decide(local, Settings, Now).Status!.Tested!;

        Assert.Equal(TestedStatus.MaxRevisionChars, tested.Revision!.Length);
        Assert.Empty(tested.Charts);
        Assert.Empty(tested.Images);
        Assert.Equal(ValuesHash.Of(EnvironmentManifests.Values(local, Settings)), tested.ValuesHash);
    }

    [Fact]
    public void It_is_recorded_once_kept_by_the_decisions_that_follow_and_dropped_when_the_run_runs_again()
    {
        var run = Runs.Existing(r => { r.Spec.Revision = "v1"; r.Status = Runs.Started(Phases.Probing); });
        Assert.Null(TestRunDecider.Decide(Runs.Observe(run, probes: Runs.Probe(run, 1, 0, JobProgress.Running)), Settings, Now).Status!.Tested);

        var ended = TestRunDecider.Decide(Finishing(run, TestedFacts.None), Settings, Now).Status!;
        run.Status = ended;
        run.Spec.Revision = "v2";
        Assert.Equal("v1", (TestRunDecider.Decide(Runs.Observe(run), Settings, Now.AddMinutes(1)).Status ?? ended).Tested!.Revision);

        run.Metadata.Generation = 2;
        var next = TestRunDecider.Decide(Runs.Observe(run), Settings, Now).Status!;
        Assert.Equal(Phases.Pending, next.Phase);
        Assert.Null(next.Tested);
    }

    [Fact]
    public void The_answering_pods_come_from_this_runs_finished_reports_bounded_and_named_as_kubernetes_names_pods()
    {
        var run = Runs.Existing(r => r.Spec.Retries = 1);
        var spec = TestRunDefaults.Resolve(run.Spec);
        var many = string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"backend-{i:D2}\""));
        JobObservation[] jobs =
        [
            Job(run, 1, 0, JobProgress.Failed, $$"""{"auth":["auth-a"],"backend":["backend-new", "bad name\u202e", ""]}"""),
            Job(run, 2, 0, JobProgress.Succeeded, """{"auth":["auth-a"],"agent":["agent-a"]}"""),
            Job(run, 1, 1, JobProgress.Running, """{"auth":["auth-running"]}"""),
            new JobObservation("smoke-0f1e2d3c-r9-a1-s0", JobProgress.Succeeded, Report: Report("""{"auth":["another-runs"]}""")),
        ];

        var answered = AnsweredPods.Of(run, spec, jobs.ToDictionary(j => j.Name));

        Assert.Equal([("auth", "auth-a"), ("backend", "backend-new"), ("agent", "agent-a")], answered);
        var flood = AnsweredPods.Of(run, spec, new[] { Job(run, 1, 0, JobProgress.Succeeded, $$"""{"backend":[{{many}}]}""") }.ToDictionary(j => j.Name));
        Assert.Equal(TestedStatus.MaxImages, flood.Count);
        Assert.Empty(AnsweredPods.Of(run, spec, new[] { new JobObservation(ChildNames.ProbeJob(run, 1, 0), JobProgress.Succeeded, Report: "{not json") }
            .ToDictionary(j => j.Name)));
    }

    [Theory]
    [InlineData("backend", "docker-pullable://ghcr.io/netra/netra-backend@sha256:", "api:2", true)]
    [InlineData("netra-backend", "ghcr.io/netra/netra-backend@sha256:", "api:2", true)]
    [InlineData("sidecar-first", "sha256:", "api:2", true)]
    [InlineData("backend", "", "api:2", false)]
    [InlineData("backend", "ghcr.io/netra/netra-backend:1.0", "api:2", false)]
    public void A_pods_image_is_its_service_containers_and_the_digest_comes_from_its_image_id(
        string container, string imageIdPrefix, string image, bool digest)
    {
        var pod = new V1Pod
        {
            Spec = new V1PodSpec
            {
                Containers = container == "sidecar-first"
                    ? [new V1Container { Name = "proxy", Image = image }, new V1Container { Name = "other", Image = "other:1" }]
                    : [new V1Container { Name = "proxy", Image = "envoy:1" }, new V1Container { Name = container, Image = image }],
            },
            Status = new V1PodStatus
            {
                ContainerStatuses =
                [
                    new V1ContainerStatus { Name = "proxy", ImageID = "sha256:" + new string('e', 64), Image = "x", Ready = true, RestartCount = 0 },
                    new V1ContainerStatus
                    {
                        Name = container, ImageID = imageIdPrefix + (imageIdPrefix.EndsWith("sha256:", StringComparison.Ordinal) ? new string('b', 64) : ""),
                        Image = "x", Ready = true, RestartCount = 0,
                    },
                ],
            },
        };

        var read = PodImage.Of(pod, "backend")!;

        Assert.Equal(image, read.Image);
        Assert.Equal(digest ? container == "sidecar-first" ? "sha256:" + new string('e', 64) : DigestB : null, read.Digest);
    }

    [Theory]
    [InlineData("http://netra-backend.prod.svc:8080", "prod")]
    [InlineData("http://netra-backend.prod.svc.cluster.local", "prod")]
    [InlineData("http://netra-backend", "team")]
    [InlineData("https://api.example.com", null)]
    [InlineData("http://127.0.0.1:8080", null)]
    public void An_existing_runs_pods_are_read_only_in_the_namespace_of_a_cluster_service_address(string url, string? ns)
    {
        var run = Runs.Existing(r => r.Spec.Environment.Endpoints!.BackendUrl = url);

        Assert.Equal(ns, AnsweringPodReader.ServiceNamespace(run, TestRunDefaults.Resolve(run.Spec), "backend"));
    }

    private static TestedFacts Facts(params ((string, string) Key, PodImage Image)[] pods) =>
        new(pods.ToDictionary(p => p.Key, p => p.Image));

    /// <summary>Every scenario's probe Job succeeded: the decision ends the run.</summary>
    private static TestRunObservation Finishing(TestRun run, TestedFacts? facts) =>
        new(
            run,
            run.Spec.Environment.Mode == EnvironmentModes.Ephemeral ? ChildPresence.Present : ChildPresence.Absent,
            run.Spec.Environment.Mode == EnvironmentModes.Ephemeral ? new JobObservation(ChildNames.DeployJob, JobProgress.Succeeded) : null,
            new[]
            {
                Runs.Probe(run, 1, 0, JobProgress.Succeeded, Runs.Message(("thread-management", 10, 0))),
                Runs.Probe(run, 1, 1, JobProgress.Succeeded, Runs.Message(("auth-service-independence", 3, 0))),
            }.ToDictionary(p => p.Name),
            tested: facts);

    private static JobObservation Job(TestRun run, int attempt, int index, JobProgress progress, string answeredBy) =>
        new(ChildNames.ProbeJob(run, attempt, index), progress, Report: Report(answeredBy));

    private static string Report(string answeredBy) =>
        new JsonObject { ["scenarios"] = new JsonArray(new JsonObject { ["name"] = "thread-management", ["answered_by"] = JsonNode.Parse(answeredBy) }) }
            .ToJsonString();
}
