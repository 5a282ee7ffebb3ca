using System.Diagnostics;
using System.Globalization;
using System.Text;
using Netra.Testing;

namespace Netra.Probes.Tests.Support;

/// <summary>How a <c>netra-probes</c> process ended: its exit code, what it wrote, how long it ran.</summary>
public sealed record ProbesExit(int Code, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {Code} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary><c>netra-probes</c> run as a user runs it: its own process, output redirected, environment variables for credentials.</summary>
public sealed class ProbesProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ProbesProcess(Process process) => _process = process;

    public static ProbesProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netra-probes.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("NETRA_PROBES_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var probes = new ProbesProcess(process);
        process.OutputDataReceived += (_, e) => Append(probes._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(probes._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return probes;
    }

    public static async Task<ProbesExit> RunAsync(IEnumerable<string> args, TimeSpan deadline, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var probes = Start(args, variables);
        return await probes.WaitForExitAsync(deadline);
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public Task WaitForStderrAsync(string text, TimeSpan deadline) =>
        Eventually.WaitUntilAsync(() => Stderr.Contains(text, StringComparison.Ordinal), $"netra-probes to write '{text}' on stderr", deadline);

    /// <summary>Sends a signal by name (INT, TERM) with <c>kill</c>, as a terminal or a kubelet would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<ProbesExit> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"netra-probes did not exit within {deadline.TotalSeconds:0.#} s; stderr so far:\n{Stderr}");
        }

        _process.WaitForExit(); // drains the redirected output
        lock (_stdout)
        {
            return new ProbesExit(_process.ExitCode, _stdout.ToString(), Stderr, _clock.Elapsed);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
