using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Netra.Operator.Bench;

/// <summary>
/// <c>netra-operator serve</c> as its own process, as in a cluster, so that its memory is its own:
/// the build next to the bench, or the <c>netra-operator.dll</c> that <c>NETRA_OPERATOR</c> names (a published one, say).
/// </summary>
internal sealed class OperatorProcess : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OperatorProcess(Process process, int port)
    {
        _process = process;
        MetricsUrl = new Uri($"http://127.0.0.1:{port}/metrics");
    }

    public Uri MetricsUrl { get; }

    public static OperatorProcess Start(string kubeconfig, string leaseNamespace, int workers)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Environment.GetEnvironmentVariable("NETRA_OPERATOR") ?? Path.Combine(AppContext.BaseDirectory, "netra-operator.dll"), "serve", "--kubeconfig", kubeconfig, "--lease-namespace", leaseNamespace,
            "--workers", workers.ToString(CultureInfo.InvariantCulture), "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var started = new OperatorProcess(process, port);
        process.OutputDataReceived += (_, line) => started.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => started.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The operator's last lines of output, to tell why a bench did not finish.</summary>
    public IEnumerable<string> RecentOutput => _output;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }

    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident memory (VmRSS) in MiB.</summary>
    public double ResidentMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async Task<double> ReconcilesAsync(HttpClient http) =>
        (await http.GetStringAsync(MetricsUrl)).Split('\n')
            .Where(l => l.StartsWith("netra_operator_reconcile_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
