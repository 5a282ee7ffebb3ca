using Netra.Operator.Core;
using Netra.Operator.Core.Uninstall;

namespace Netra.Operator.Tests.Uninstall;

/// <summary>What <c>netra-operator uninstall</c> refuses before it talks to a cluster: one line, exit 2.</summary>
public sealed class UninstallCommandLineTests
{
    [Theory]
    [InlineData("5 minutes")]
    [InlineData("00:05:00")]
    [InlineData("0s")]
    public async Task A_timeout_that_is_not_a_positive_duration_is_refused(string timeout)
    {
        using var error = new StringWriter();

        var code = await UninstallCommand.Create(error).Parse(["--timeout", timeout]).InvokeAsync();

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Equal(
            $"netra-operator: --timeout must be a positive duration such as 90s or 5m, not '{timeout}'.", error.ToString().TrimEnd());
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_there_is_no_cluster_to_uninstall_from()
    {
        using var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"netra-{Guid.NewGuid():N}", "kubeconfig");

        var code = await UninstallCommand.Create(error).Parse(["--kubeconfig", missing, "--timeout", "90s"]).InvokeAsync();

        Assert.Equal(ExitCodes.Invalid, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("netra-operator: no cluster to uninstall from: ", line, StringComparison.Ordinal);
    }
}
