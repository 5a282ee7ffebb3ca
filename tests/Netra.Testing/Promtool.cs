using System.ComponentModel;
using System.Diagnostics;

namespace Netra.Testing;

/// <summary>
/// Prometheus' <c>promtool</c> (from Debian's <c>prometheus</c> package, installed by <c>tests/tools.sh</c>), run on rule
/// files and on scraped metrics; a failure names what promtool said. A missing promtool fails, naming the script.
/// </summary>
public static class Promtool
{
    public static async Task RunAsync(IEnumerable<string> args, string? standardInput = null)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("promtool is missing: run tests/tools.sh (it takes promtool from Debian's prometheus package)");
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(standardInput ?? string.Empty);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"promtool {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await stdout}{await stderr}");
            }
        }
    }
}
