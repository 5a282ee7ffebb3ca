using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Netra.Backend.Bench;

/// <summary>The parent's handle on the <see cref="ServerHost"/> child process.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri backendUrl, Uri authUrl)
    {
        _process = process;
        BackendUrl = backendUrl;
        AuthUrl = authUrl;
    }

    public Uri BackendUrl { get; }

    public Uri AuthUrl { get; }

    public static async Task<ServerProcess> StartAsync(string mode, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(mode);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var ready = await ReadLineStartingWithAsync(process, ServerHost.ReadyPrefix, TimeSpan.FromSeconds(60));
        var urls = ready.Split(' ');
        return new ServerProcess(process, new Uri(urls[0]), new Uri(urls[1]));
    }

    public async Task<ServerStats> StatsAsync()
    {
        await _process.StandardInput.WriteLineAsync("stats");
        await _process.StandardInput.FlushAsync();
        var line = await ReadLineStartingWithAsync(_process, ServerHost.StatsPrefix, TimeSpan.FromSeconds(60));
        var parts = line.Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ServerStats(parts[0], parts[1], (int)parts[2], parts[3]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task<string> ReadLineStartingWithAsync(Process process, string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"the server process ended before answering '{prefix.Trim()}'");
    }
}

/// <summary>The server process's memory and connections after a full GC.</summary>
public sealed record ServerStats(long WorkingSetBytes, long ManagedHeapBytes, int OpenConnections, long SlowConsumerClosures);
