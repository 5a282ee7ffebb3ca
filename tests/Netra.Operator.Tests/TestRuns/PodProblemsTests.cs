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
}
