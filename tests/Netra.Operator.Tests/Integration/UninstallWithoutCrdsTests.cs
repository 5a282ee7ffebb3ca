using Netra.Operator.Core;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A cluster without the CRDs (deleted before helm uninstall, or installed with --skip-crds and never applied) has no
/// TestRun to wait for: the uninstall hook ends at once rather than failing helm uninstall after its timeout.
/// </summary>
public sealed class UninstallWithoutCrdsTests(ControlPlaneFixture cp) : IClassFixture<ControlPlaneFixture>
{
    [Fact]
    public async Task Without_the_CRDs_there_is_nothing_to_delete_and_it_exits_0_at_once()
    {
        var exit = await InProcessUninstall.RunAsync(cp, cp.AdminToken, "60s");

        Assert.True(exit.Code == ExitCodes.Succeeded, exit.ToString());
        Assert.Equal(["No TestRunSchedule or TestRun to delete."], exit.StderrLines);
        Assert.InRange(exit.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }
}
