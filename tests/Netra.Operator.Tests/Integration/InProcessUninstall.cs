using System.Diagnostics;
using Netra.Operator.Core.Uninstall;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary><c>netra-operator uninstall</c> in this process as the chart's pre-delete hook runs it: as the operator.</summary>
internal static class InProcessUninstall
{
    public static Task<CommandExit> RunAsync(OperatorTestBed bed, string timeout) => RunAsync(bed.Cp, bed.Cp.OperatorToken, timeout);

    public static async Task<CommandExit> RunAsync(ControlPlane cp, string token, string timeout)
    {
        using var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        var kubeconfig = cp.WriteKubeconfig(token);

        var code = await UninstallCommand.Create(error).Parse(["--kubeconfig", kubeconfig, "--timeout", timeout]).InvokeAsync();

        return new CommandExit(code, string.Empty, error.ToString(), clock.Elapsed);
    }
}
