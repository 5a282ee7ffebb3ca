using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Netra.TestBed;
using Netra.Testing;

namespace Netra.Operator.Bench;

/// <summary>
/// <c>netra-operator serve</c> as its own process, as in a cluster, so that its memory is its own:
/// by default the cluster image's ahead-of-time compiled binary (<see cref="DefaultExecutable"/>).
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

    /// <summary>
    /// What the bench runs: <c>NETRA_OPERATOR</c> if set, else the cluster image's binary if published,
    /// else the JIT build beside the bench.
    /// </summary>
    public static string DefaultExecutable() =>
        Environment.GetEnvironmentVariable("NETRA_OPERATOR") is { Length: > 0 } named ? Path.GetFullPath(named)
        : File.Exists(Repository.OperatorImageBinary) ? Repository.OperatorImageBinary
        : Path.Combine(AppContext.BaseDirectory, "netra-operator.dll");

    /// <param name="executable">A native netra-operator, or a netra-operator.dll to run with dotnet.</param>
    /// <param name="extra">More options of <c>serve</c>, such as <c>--ui-port</c>.</param>
    public static OperatorProcess Start(
        string executable, string kubeconfig, string leaseNamespace, int workers, IEnumerable<string>? extra = null)
    {
        var port = ControlPlane.FreeLoopbackPort();
        var viaDotnet = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(viaDotnet ? "dotnet" : executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (viaDotnet)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var argument in new[]
        {
            "serve", "--kubeconfig", kubeconfig, "--leader-elect", "--lease-namespace", leaseNamespace,
            "--workers", workers.ToString(CultureInfo.InvariantCulture), "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
        }.Concat(extra ?? []))
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

    /// <summary>
    /// The queue's limits (<c>--max-active-runs</c>, per namespace too) raised to <paramref name="runs"/>, as an installer
    /// may: a bench of runs at once then times the operator, not its queue (by default 20 runs in progress, 5 a namespace).
    /// </summary>
    public static string[] Unqueued(int runs)
    {
        var limit = runs.ToString(CultureInfo.InvariantCulture);
        return ["--max-active-runs", limit, "--max-active-runs-per-namespace", limit];
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

    public Task WaitUntilLeadingAsync(HttpClient http) => Eventually.WaitUntilAsync(async () =>
    {
        try
        {
            return (await http.GetStringAsync(MetricsUrl)).Contains("netra_operator_leader 1", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, "operator leads", TimeSpan.FromSeconds(60));

    /// <summary>Waits until both controllers' watch caches hold a full list (it leads and has listed everything).</summary>
    public Task WaitUntilSyncedAsync(HttpClient http) => Eventually.WaitUntilAsync(async () =>
    {
        try
        {
            return await SumAsync(http, "netra_operator_caches_synced{") >= 2;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, "operator's caches synced", TimeSpan.FromMinutes(5));

    /// <summary>Stops it as Kubernetes does (SIGTERM), so that it hands its Lease over at once.</summary>
    public async Task StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>Waits until the operator has reconciled nothing for <paramref name="quiet"/> (its counter unchanged that long).</summary>
    public async Task WaitUntilIdleAsync(HttpClient http, TimeSpan quiet)
    {
        var last = -1.0;
        var unchanged = Stopwatch.StartNew();
        await Eventually.WaitUntilAsync(async () =>
        {
            var now = await ReconcilesAsync(http);
            if (now != last)
            {
                last = now;
                unchanged.Restart();
            }

            return unchanged.Elapsed >= quiet;
        }, $"operator idle for {quiet.TotalSeconds:0.#} s", TimeSpan.FromMinutes(2));
    }

    public Task<double> ReconcilesAsync(HttpClient http) => SumAsync(http, "netra_operator_reconcile_total{");

    /// <summary>Reconciles that failed (and went back into the queue with their backoff).</summary>
    public Task<double> FailedReconcilesAsync(HttpClient http) => SumAsync(http, "netra_operator_reconcile_total{", "result=\"error\"");

    /// <summary>The managed heap in MiB, garbage included (dotnet_total_memory_bytes).</summary>
    public async Task<double> HeapMiBAsync(HttpClient http) => await SumAsync(http, "dotnet_total_memory_bytes ") / (1024 * 1024);

    private async Task<double> SumAsync(HttpClient http, string seriesPrefix, string labels = "") =>
        (await http.GetStringAsync(MetricsUrl)).Split('\n')
            .Where(l => l.StartsWith(seriesPrefix, StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal))
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
}
