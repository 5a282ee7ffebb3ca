using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Evidence;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>What a failed deploy keeps (<see cref="DeployEvidence"/>), and within what bounds, as tables.</summary>
public sealed class DeployEvidenceDecisionTests
{
    private static readonly JobObservation Failed = new(ChildNames.DeployJob, JobProgress.Failed, "Error: INSTALLATION FAILED: context deadline exceeded");

    public static TheoryData<string, JobObservation?, bool, bool> WhenKept() => new()
    {
        { "the deploy Job failed", Failed, false, true },
        { "the deploy Job is stuck", new(ChildNames.DeployJob, JobProgress.Running, Problem: "pod p, container helm: ImagePullBackOff"), false, true },
        { "the deploy Job runs", new(ChildNames.DeployJob, JobProgress.Running), false, false },
        { "the deploy Job runs as the run times out", new(ChildNames.DeployJob, JobProgress.Running), true, true },
        { "the deploy Job succeeded", new(ChildNames.DeployJob, JobProgress.Succeeded), true, false },
        { "no deploy Job", null, true, false },
    };

    [Theory]
    [MemberData(nameof(WhenKept))]
    public void Evidence_is_kept_only_when_the_deploy_failed_got_stuck_or_ran_out_of_time(
        string _, JobObservation? deploy, bool timedOut, bool kept)
    {
        Assert.Equal(kept, DeployEvidence.Of(Observe(deploy, Facts()), timedOut) is not null);
    }

    [Fact]
    public void Nothing_is_kept_when_nothing_was_read_of_the_namespace_as_in_the_local_run()
    {
        Assert.Null(DeployEvidence.Of(new TestRunObservation(Runs.Ephemeral(), ChildPresence.Present, Failed, new Dictionary<string, JobObservation>())));
    }

    public static TheoryData<string, V1Pod[], string> WhichPods() => new()
    {
        { "a Ready pod is left out", [Pod("ready", ready: true), Pod("pending")], "pending" },
        { "a pod that completed is left out", [Pod("done", phase: "Succeeded"), Pod("pending")], "pending" },
        { "the deploy pods come first, then by name", [Pod("b"), Pod("a"), Pod("netra-deploy-x", deploy: true)], "netra-deploy-x a b" },
        { "the deploy pod still running helm is kept, Ready or not", [Pod("netra-deploy-x", phase: "Running", ready: true, deploy: true), Pod("a")], "netra-deploy-x a" },
        { "at most five", [.. Enumerable.Range(0, 7).Select(i => Pod($"p{i}"))], "p0 p1 p2 p3 p4" },
    };

    [Theory]
    [MemberData(nameof(WhichPods))]
    public void The_pods_kept_are_those_not_Ready_the_deploy_pods_first_at_most_five(string _, V1Pod[] pods, string kept)
    {
        var evidence = Kept(Facts(pods));

        Assert.Equal(kept, string.Join(' ', evidence["pods"]!.AsArray().Select(p => (string)p!["name"]!)));
        Assert.Equal(Math.Max(0, pods.Length - 5), (int)evidence["pods_left_out"]!);
    }

    public static TheoryData<string, string[], string> WhichLog() => new()
    {
        { "the release that failed", ["done", "running", "failed"], "helm-backend" },
        { "else the release helm still waits for", ["done", "running", "running"], "helm-agent" },
        { "else one that waits to start", ["done", "waiting", "waiting"], "helm-agent" },
        { "else the first", ["done", "done", "done"], "helm-auth" },
    };

    [Theory]
    [MemberData(nameof(WhichLog))]
    public void The_log_read_of_the_deploy_pod_is_the_failed_release_else_one_helm_still_waits_for(string _, string[] states, string container)
    {
        string[] names = ["helm-auth", "helm-agent", "helm-backend"];
        static V1ContainerState State(string state) => state switch
        {
            "failed" => new() { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } },
            "running" => new() { Running = new V1ContainerStateRunning() },
            "waiting" => new() { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } },
            _ => new() { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } },
        };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "netra-deploy-x" },
            Spec = new V1PodSpec { Containers = [.. names.Select(n => new V1Container { Name = n })] },
            Status = new V1PodStatus { ContainerStatuses = [.. names.Zip(states, (n, s) => new V1ContainerStatus { Name = n, State = State(s) })] },
        };

        Assert.Equal(container, DeployEvidence.ContainerToRead(pod));
    }

    [Fact]
    public void A_pod_keeps_its_False_conditions_its_containers_state_its_newest_five_events_and_its_log()
    {
        var pod = Pod("netra-backend-1");
        pod.Status.Conditions = [Condition("PodScheduled", "True"), Condition("Ready", "False", "ContainersNotReady", "containers with unready status: [backend]")];
        pod.Status.ContainerStatuses =
        [
            new V1ContainerStatus { Name = "backend", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off\npulling" } } },
            new V1ContainerStatus { Name = "sidecar", Ready = true, State = new V1ContainerState { Running = new V1ContainerStateRunning() } },
            new V1ContainerStatus { Name = "init", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 2, Message = "bad" } } },
        ];
        var events = Enumerable.Range(1, 7).Select(i => Event($"reason-{i}", Runs.Start.UtcDateTime.AddSeconds(i))).ToList();

        var kept = Kept(Facts([pod], events: new() { ["netra-backend-1"] = events }, logs: new() { ["netra-backend-1"] = new PodLog("line 1\nline 2\n") }))["pods"]![0]!;

        Assert.Equal("Ready ContainersNotReady", string.Join(' ', kept["conditions"]!.AsArray().Select(c => $"{c!["type"]} {c["reason"]}")));
        Assert.Equal(
            ["backend waiting ImagePullBackOff  Back-off pulling", "init terminated Error 2 bad"],
            kept["containers"]!.AsArray().Select(c => $"{c!["name"]} {c["state"]} {c["reason"]} {c["exit_code"]} {c["message"]}"));
        Assert.Equal("reason-7 reason-6 reason-5 reason-4 reason-3", string.Join(' ', kept["events"]!.AsArray().Select(e => (string)e!["reason"]!)));
        Assert.Equal("line 1\nline 2\n", (string)kept["log"]!);
        Assert.Null(kept["log_unreadable"]);
    }

    [Fact]
    public void A_log_that_cannot_be_read_says_so_in_one_line()
    {
        var kept = Kept(Facts([Pod("p")], logs: new() { ["p"] = new PodLog(null, "pod p does not have\na host assigned") }))["pods"]![0]!;

        Assert.Equal("pod p does not have a host assigned", (string)kept["log_unreadable"]!);
        Assert.Null(kept["log"]);
    }

    public static TheoryData<string, int, int, int, int> Bounds() => new()
    {
        // case, pods, bytes of each log and helm output, chars of each message, pods expected kept
        { "small: everything kept whole", 2, 100, 100, 2 },
        { "five pods with full logs and messages: logs and messages shortened, every pod kept", 5, 64 * 1024, 64 * 1024, 5 },
        { "what escapes to six bytes a character: pods left out, helm output cut", 5, 64 * 1024, 64 * 1024, -1 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void The_evidence_stays_within_its_bound_whatever_the_pods_say(string name, int pods, int logBytes, int messageChars, int podsKept)
    {
        var filler = name.StartsWith("what escapes", StringComparison.Ordinal) ? '<' : 'x';
        var chosen = Enumerable.Range(0, pods).Select(i => Pod($"p{i}")).ToArray();
        foreach (var pod in chosen)
        {
            pod.Status.Conditions = [Condition("Ready", "False", "ContainersNotReady", new string(filler, messageChars))];
        }

        var facts = Facts(
            chosen,
            events: chosen.ToDictionary(p => p.Metadata.Name, p => (IReadOnlyList<Corev1Event>)[.. Enumerable.Range(0, 5).Select(i => Event("r", Runs.Start.UtcDateTime, new string(filler, messageChars)))]),
            logs: chosen.ToDictionary(p => p.Metadata.Name, _ => new PodLog(new string(filler, logBytes))));
        var deploy = Failed with { TerminationMessage = new string(filler, logBytes) };

        var text = DeployEvidence.Of(Observe(deploy, facts))!;

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 1, DeployEvidence.MaxBytes);
        var kept = JsonNode.Parse(text)!;
        if (podsKept >= 0)
        {
            Assert.Equal(podsKept, kept["pods"]!.AsArray().Count);
        }
        else
        {
            Assert.Equal(pods, kept["pods"]!.AsArray().Count + (int)kept["pods_left_out"]!);
        }

        Assert.All(kept["pods"]!.AsArray(), pod => Assert.InRange(Encoding.UTF8.GetByteCount((string)pod!["log"]!), 1, DeployEvidence.MaxLogBytes));
        Assert.True(((string)kept["helm_output"]!).Length > 0);
    }

    [Theory]
    [InlineData("short", 16, "short")]
    [InlineData("0123456789", 8, "…56789")]
    [InlineData("ab€€", 7, "…€")]
    [InlineData("a\u0007b\u200Bc", 16, "abc")]
    public void A_tail_keeps_the_end_within_its_bytes_cleaned(string text, int maxBytes, string tail)
    {
        Assert.Equal(tail, DeployEvidence.Tail(text, maxBytes));
        Assert.InRange(Encoding.UTF8.GetByteCount(DeployEvidence.Tail(text, maxBytes)), 0, maxBytes);
    }

    private static JsonObject Kept(DeployFacts facts) => JsonNode.Parse(DeployEvidence.Of(Observe(Failed, facts))!)!.AsObject();

    public static TestRunObservation Observe(JobObservation? deploy, DeployFacts facts, TestRun? run = null) =>
        new(run ?? Runs.Ephemeral(), ChildPresence.Present, deploy, new Dictionary<string, JobObservation>(), deployFacts: facts);

    public static DeployFacts Facts(
        V1Pod[]? pods = null, Dictionary<string, IReadOnlyList<Corev1Event>>? events = null, Dictionary<string, PodLog>? logs = null) =>
        new(pods ?? [], events ?? [], logs ?? []);

    private static V1Pod Pod(string name, string phase = "Pending", bool ready = false, bool deploy = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = deploy ? new Dictionary<string, string> { ["job-name"] = ChildNames.DeployJob } : new Dictionary<string, string>(),
        },
        Status = new V1PodStatus { Phase = phase, Conditions = ready ? [Condition("Ready", "True")] : null },
    };

    private static V1PodCondition Condition(string type, string status, string? reason = null, string? message = null) =>
        new() { Type = type, Status = status, Reason = reason, Message = message };

    private static Corev1Event Event(string reason, DateTime at, string message = "m") =>
        new() { Type = "Warning", Reason = reason, Message = message, LastTimestamp = at, InvolvedObject = new V1ObjectReference() };
}
