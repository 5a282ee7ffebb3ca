using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>What Pod Security "restricted" asks of a pod the charts render, for every one of its containers.</summary>
internal static class PodSecurityRestricted
{
    public static void AssertMet(V1PodSpec pod)
    {
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.All(pod.Containers, container =>
        {
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        });
    }
}
