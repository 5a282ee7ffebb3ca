using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Netra.Bench;

namespace Netra.Backend.Bench;

/// <summary>
/// The client side: opens the connections, measures the server's memory per connection, then sends
/// <c>user_message</c>s at the given rate and times every relayed agent event.
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        Console.WriteLine($"netra-backend bench: {options.Connections} connections, {options.Rate} msg/s for {options.Duration.TotalSeconds:0} s");
        await using var server = await ServerProcess.StartAsync("serve", args);
        var wsUri = new Uri($"ws://{server.BackendUrl.Authority}/ws");
        var token = await LoginAsync(server.AuthUrl);
        var baseline = await server.StatsAsync();

        var latencies = new LatencyRecorder();
        var counters = new BenchCounters();
        var clients = new List<BenchClient>(options.Connections);
        var connectTime = Stopwatch.StartNew();
        var failedConnects = await ConnectAllAsync(options, wsUri, token, latencies, counters, clients);
        connectTime.Stop();
        var connected = await server.StatsAsync();
        Console.WriteLine($"connected {clients.Count} in {connectTime.Elapsed.TotalSeconds:0.0} s ({failedConnects} failed)");

        var threads = await CreateThreadsAsync(clients.Take(Math.Min(options.Threads, clients.Count)).ToList());

        // Warm-up (JIT, pools, thread injection) is not measured.
        var warmupSent = await SendAtRateAsync(options.Rate, options.Warmup, clients, threads);
        await DrainAsync(counters, warmupSent);
        counters.Reset();
        latencies.Recording = true;
        var sent = await SendAtRateAsync(options.Rate, options.Duration, clients, threads);
        await DrainAsync(counters, sent);
        latencies.Recording = false;
        var loaded = await server.StatsAsync();
        var held = clients.Count(c => c.IsOpen);

        var n = Math.Max(1, clients.Count);
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Row("connections held (client / server)", $"{held} / {loaded.OpenConnections}");
        Row("connect failures", failedConnects);
        Row("server working set: baseline → connected → after load", $"{Mb(baseline.WorkingSetBytes)} → {Mb(connected.WorkingSetBytes)} → {Mb(loaded.WorkingSetBytes)} MB");
        Row("server managed heap: baseline → connected → after load", $"{Mb(baseline.ManagedHeapBytes)} → {Mb(connected.ManagedHeapBytes)} → {Mb(loaded.ManagedHeapBytes)} MB");
        Row("working set per connection", $"{(connected.WorkingSetBytes - baseline.WorkingSetBytes) / n / 1024.0:0.0} KB");
        Row("managed heap per connection", $"{(connected.ManagedHeapBytes - baseline.ManagedHeapBytes) / n / 1024.0:0.0} KB");
        Row("user messages sent (target rate)", $"{sent} ({options.Rate}/s for {options.Duration.TotalSeconds:0} s)");
        Row("runs completed / failed", $"{counters.Completed} / {counters.Failed}");
        Row("agent event frames received", $"{counters.Frames} ({counters.Frames / options.Duration.TotalSeconds:0}/s)");
        Row("latency agent event → client frame p50 / p90 / p99 / max", $"{latencies.Percentile(0.50):0.0} / {latencies.Percentile(0.90):0.0} / {latencies.Percentile(0.99):0.0} / {latencies.Percentile(1):0.0} ms");
        Row("slow-consumer closes", loaded.SlowConsumerClosures);

        foreach (var client in clients)
        {
            client.Dispose();
        }

        // The limit beside these figures: the same connections and frame rate against a bare Kestrel echo server.
        if (FigureFile.PathFrom(args) is { } json)
        {
            var echo = await EchoRun.RunAsync(options.Connections, counters.Frames / options.Duration.TotalSeconds, options.Duration);
            var figures = BackendFigures.Create(options, held, baseline, connected, latencies, counters.Frames, echo);
            await FigureFile.WriteAsync(json, "backend", figures);
        }

        return held == options.Connections ? 0 : 1;
    }

    private static async Task DrainAsync(BenchCounters counters, long sent)
    {
        var drain = Stopwatch.StartNew();
        while (counters.Completed + counters.Failed < sent && drain.Elapsed < DrainTimeout)
        {
            await Task.Delay(50);
        }
    }

    private static void Row(string name, object value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value} |"));

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task<string> LoginAsync(Uri authUrl)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(authUrl, "/v1/auth/login"), new { username = "alice", password = "alice-dev-password" });
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>();
        return body!.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<int> ConnectAllAsync(
        BenchOptions options, Uri uri, string token, LatencyRecorder latencies, BenchCounters counters, List<BenchClient> clients)
    {
        var failed = 0;
        using var gate = new SemaphoreSlim(options.ConnectParallelism);
        var attempts = Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            await gate.WaitAsync();
            var client = new BenchClient(latencies, counters);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await client.ConnectAsync(uri, token, timeout.Token);
                lock (clients)
                {
                    clients.Add(client);
                }
            }
            catch (Exception error) when (error is System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                // The first failure says why (a refusal's status, or the timeout) on standard error, apart from the table.
                if (Interlocked.Increment(ref failed) == 1)
                {
                    await Console.Error.WriteLineAsync($"first connect failure: {error.Message}");
                }

                client.Dispose();
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(attempts);
        return failed;
    }

    private static async Task<List<string>> CreateThreadsAsync(List<BenchClient> owners)
    {
        var threads = new List<string>(owners.Count);
        foreach (var owner in owners)
        {
            await owner.SendAsync("{\"type\":\"thread_create\",\"payload\":{\"title\":\"bench\"}}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            threads.Add(await owner.CreatedThreads.Reader.ReadAsync(timeout.Token));
        }

        return threads;
    }

    /// <summary>Sends <c>rate</c> messages per second in 10 ms ticks, round robin over the connections.</summary>
    private static async Task<long> SendAtRateAsync(int rate, TimeSpan duration, List<BenchClient> clients, List<string> threads)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var next = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var sends = new List<Task>();
        while (clock.Elapsed < duration && await tick.WaitForNextTickAsync())
        {
            var due = (long)(Math.Min(clock.Elapsed.TotalSeconds, duration.TotalSeconds) * rate);
            for (; sent < due; sent++, next++)
            {
                var client = clients[next % clients.Count];
                var thread = threads[next % threads.Count];
                sends.Add(client.SendAsync($"{{\"type\":\"user_message\",\"payload\":{{\"thread_id\":\"{thread}\",\"content\":\"bench message {sent}\"}}}}"));
            }
        }

        await Task.WhenAll(sends);
        return sent;
    }
}
