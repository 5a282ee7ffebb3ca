using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Netra.Testing;

/// <summary>How a command's process ended: its exit code, what it wrote, how long it ran.</summary>
public sealed record CommandExit(int Code, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {Code} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// One of the product's commands (<c>netra-probes</c>, <c>netra-operator</c>) run as a user runs it: its own process,
/// output redirected, standard input given or closed, environment variables for credentials and temporary files.
/// </summary>
public sealed class CommandProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private CommandProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    /// <param name="command">The command's name: its assembly (<c>command.dll</c>) lies beside the tests.</param>
    /// <param name="standardInput">Written to its standard input, which is then closed; null leaves it closed at once.</param>
    public static CommandProcess Start(
        string command, IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables = null, string? standardInput = null) =>
        StartFile("dotnet", [Path.Combine(AppContext.BaseDirectory, $"{command}.dll"), .. args], variables, standardInput, command);

    /// <summary>Another program the tests run as a user would (a shell, <c>dotnet tool</c>, an installed tool), found on the PATH.</summary>
    public static async Task<CommandExit> RunFileAsync(
        string file, IEnumerable<string> args, TimeSpan deadline, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var child = StartFile(file, args, variables, standardInput: null, Path.GetFileName(file));
        return await child.WaitForExitAsync(deadline);
    }

    private static CommandProcess StartFile(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables, string? standardInput, string command)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
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
        var child = new CommandProcess(process, command);
        process.OutputDataReceived += (_, e) => Append(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(child._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Write(standardInput ?? string.Empty);
        process.StandardInput.Close();
        return child;
    }

    public static async Task<CommandExit> RunAsync(
        string command, IEnumerable<string> args, TimeSpan deadline, IReadOnlyDictionary<string, string>? variables = null, string? standardInput = null)
    {
        using var child = Start(command, args, variables, standardInput);
        return await child.WaitForExitAsync(deadline);
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
        Eventually.WaitUntilAsync(() => Stderr.Contains(text, StringComparison.Ordinal), $"{Name} to write '{text}' on stderr", deadline);

    /// <summary>Sends a signal by name (INT, TERM) with <c>kill</c>, as a terminal or a kubelet would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<CommandExit> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {deadline.TotalSeconds:0.#} s; stderr so far:\n{Stderr}");
        }

        _process.WaitForExit(); // drains the redirected output
        lock (_stdout)
        {
            return new CommandExit(_process.ExitCode, _stdout.ToString(), Stderr, _clock.Elapsed);
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
