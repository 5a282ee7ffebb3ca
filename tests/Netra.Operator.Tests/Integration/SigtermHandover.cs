using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// What <c>kubectl delete pod</c> of the leader does: SIGTERM. The leader stops within two seconds with exit 0 and
/// releases its Lease, so the standby leads before the Lease would have expired.
/// </summary>
internal static class SigtermHandover
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <param name="executable">The image's native binary, or null for the JIT build beside the tests.</param>
    public static async Task AssertAsync(OperatorTestBed bed, string? executable)
    {
        var lease = $"sigterm-{Guid.NewGuid():N}"[..20];
        await using var first = bed.StartOperatorProcess(lease, "first", executable: executable);
        await using var second = bed.StartOperatorProcess(lease, "second", executable: executable);
        string? holder = null;
        await Eventually.WaitUntilAsync(async () => (holder = await bed.LeaseHolderAsync(lease)) is "first" or "second", "a leader elected", Deadline);
        var (leader, standby) = holder == "first" ? (first, "second") : (second, "first");

        var clock = Stopwatch.StartNew();
        leader.Signal("TERM");
        var exitCode = await leader.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var stopped = clock.Elapsed;
        await Eventually.WaitUntilAsync(async () => await bed.LeaseHolderAsync(lease) == standby, "the standby leads", Deadline);

        Assert.Equal(0, exitCode);
        // A process stopping and a Lease released over the network: at least 10 s on a busy machine.
        Assert.InRange(stopped, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, OperatorTestBed.OperatorOptions(lease, standby).LeaseDuration);
    }

    /// <summary>
    /// What helm uninstall does to the last replica: SIGTERM with no standby. It exits 0 having cleared the Lease's holder,
    /// so that the Lease left behind names no pod that is gone (and a later install leads at once).
    /// </summary>
    public static async Task AssertLeaseClearedAsync(OperatorTestBed bed, string? executable)
    {
        var lease = $"last-{Guid.NewGuid():N}"[..20];
        await using var last = bed.StartOperatorProcess(lease, "last", executable: executable);
        await Eventually.WaitUntilAsync(async () => await bed.LeaseHolderAsync(lease) == "last", "it leads", Deadline);

        last.Signal("TERM");
        var exitCode = await last.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        var record = await bed.Admin.CoordinationV1.ReadNamespacedLeaseAsync(lease, ControlPlane.OperatorNamespace);
        Assert.True(string.IsNullOrEmpty(record.Spec.HolderIdentity), $"the Lease still names {record.Spec.HolderIdentity}");
        Assert.Equal(1, record.Spec.LeaseDurationSeconds);
    }
}
