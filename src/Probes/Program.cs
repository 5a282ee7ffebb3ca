using System.Runtime.InteropServices;
using Netra.Probes.Cli;

// Results on stdout, progress and errors on stderr. SIGINT and SIGTERM stop the run, which still writes the
// reports of what finished, and the process exits 128 + the signal's number (130, 143).
var results = Consoles.Create(Console.Out, Console.IsOutputRedirected);
var errors = Consoles.Create(Console.Error, Console.IsErrorRedirected);
using var stop = new CancellationTokenSource();
var signalExit = 0;
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, ProbesCommand.ExitInterrupted));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, ProbesCommand.ExitTerminated));

var exit = await CommandLineInvoker.InvokeAsync(ProbesCommand.Create(results, errors), args, errors, ProbesCommand.ExitUsage, stop.Token);
return signalExit == 0 ? exit : signalExit;

void Stop(PosixSignalContext context, int code)
{
    context.Cancel = true;
    Interlocked.CompareExchange(ref signalExit, code, 0);
    stop.Cancel();
}
