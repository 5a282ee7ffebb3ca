using k8s.Models;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Tests.TestRuns;

public sealed class PodProblemsTests
{
    [Theory]
    [InlineData("waiting", "ImagePullBackOff", "pod p, container c: ImagePullBackOff: back-off")]
    [InlineData("waiting", "ErrImagePull", "pod p, container c: ErrImagePull: back-off")]
    [InlineData("waiting", "CreateContainerConfigError", "pod p, container c: CreateContainerConfigError: back-off")]
    [InlineData("waiting", "CrashLoopBackOff", "pod p, container c: CrashLoopBackOff: back-off")]
    [InlineData("waiting", "ContainerCreating", null)]
    [InlineData("terminated", "OOMKilled", "pod p, container c: OOMKilled: the container used more memory than its limit")]
    [InlineData("terminated", "Completed", null)]
    public void Names_what_keeps_a_pod_from_running(string state, string reason, string? problem)
    {
        var status = new V1ContainerStatus
        {
            Name = "c",
            State = state == "waiting"
                ? new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = "back-off" } }
                : new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = reason, ExitCode = 137 } },
        };
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Status = new V1PodStatus { ContainerStatuses = [status] } };

        Assert.Equal(problem, PodProblems.Find([pod], DateTimeOffset.UtcNow));
    }

    private const string NoNodeFits = "0/1 nodes are available: 1 Insufficient cpu.";
    private const string UnboundClaim = "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.";

    [Theory]
    [InlineData(UnboundClaim, 0, "pod p: Unschedulable: " + UnboundClaim)]
    [InlineData(NoNodeFits, 5, null)]
    [InlineData(NoNodeFits, 30, "pod p: Unschedulable: " + NoNodeFits)]
    public void Names_a_pod_no_node_can_take_at_once_for_an_unbound_claim_else_after_a_grace(string message, int waitedSeconds, string? problem)
    {
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Status = new V1PodStatus
            {
                Phase = "Pending",
                Conditions =
                [
                    new V1PodCondition
                    {
                        Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message,
                        LastTransitionTime = now.UtcDateTime.AddSeconds(-waitedSeconds),
                    },
                ],
            },
        };

        Assert.Equal(problem, PodProblems.Find([pod], now));
    }

    public static TheoryData<bool, int, string, string?> OneReleaseFailed => new()
    {
        { true, 1, "running", "pod deploy, container helm-auth: exited 1: Error: INSTALLATION FAILED: quota exceeded" },
        { true, 1, "waiting", "pod deploy, container helm-auth: exited 1: Error: INSTALLATION FAILED: quota exceeded" },
        // All ended: the Job fails and says so itself.
        { true, 1, "terminated", null },
        { true, 0, "running", null },
        // Not the operator's pod: a chart's own Job may try again with a new pod.
        { false, 1, "running", null },
    };

    [Theory]
    [MemberData(nameof(OneReleaseFailed))]
    public void Names_a_container_of_the_operators_pod_that_failed_while_another_still_runs(
        bool operators, int exitCode, string otherState, string? problem)
    {
        var failed = new V1ContainerStatus
        {
            Name = "helm-auth",
            State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error", Message = "Error: INSTALLATION FAILED:\nquota exceeded",
                },
            },
        };
        var other = new V1ContainerStatus
        {
            Name = "helm-agent",
            State = otherState switch
            {
                "running" => new V1ContainerState { Running = new V1ContainerStateRunning() },
                "waiting" => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } },
                _ => new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } },
            },
        };
        var labels = operators ? new Dictionary<string, string> { [ChildNames.ManagedByLabel] = ChildNames.ManagedBy } : null;
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "deploy", Labels = labels },
            Status = new V1PodStatus { Phase = "Running", ContainerStatuses = [failed, other] },
        };

        Assert.Equal(problem, PodProblems.Find([pod], DateTimeOffset.UtcNow));
    }
}
