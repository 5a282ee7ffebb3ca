using System.Runtime.InteropServices;

namespace Netra.Operator.Core;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM cancel <see cref="Token"/> instead of killing the process, so that a command can
/// stop its work, report what finished and exit with 130 or 143, as shells expect.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, ExitCodes.Interrupted)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, ExitCodes.Terminated)),
        ];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM; null while no signal came.</summary>
    public int? ExitCode => _exitCode == 0 ? null : _exitCode;

    /// <summary>What stopped it, for a status message.</summary>
    public string Why => _exitCode == ExitCodes.Terminated ? "SIGTERM received" : "interrupted (Ctrl-C)";

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _exitCode, exitCode, 0);
        _stop.Cancel();
    }
}
