using System.Diagnostics;
using k8s;

namespace Netra.TestBed;

/// <summary>
/// A real one-node Kubernetes 1.20 cluster on this machine (no Docker): tests/cluster/up.sh starts etcd, the API
/// server on the node IP, the controller manager, the scheduler, containerd, the kubelet, kube-proxy and dnsmasq as
/// cluster DNS, pulling the project's images from the loopback registry; disposing runs tests/cluster/down.sh, which stops all of it and
/// puts the host back. One at a time per machine (a fixed bridge, node IP and ports).
/// </summary>
/// <remarks>Needs root and tests/cluster/install.sh (tests/run.sh runs it), and tests/cluster/images.sh, which publishes the images.</remarks>
public class OneNodeCluster : IAsyncDisposable
{
    public const string StateDirectory = "/run/netra-cluster";
    public const string NodeName = "netra-node";
    public const string NodeIp = "10.88.0.1";
    public const string ImageTag = "0.1.0";
    private static readonly string Scripts = Path.Combine(Repository.Root, "tests", "cluster");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);
    private Kubernetes? _admin;
    private bool _started;

    /// <summary>A client authenticated as cluster admin, owned by the cluster (do not dispose).</summary>
    public Kubernetes Admin => _admin ?? throw new InvalidOperationException("Cluster not started.");

    /// <summary>How long up.sh took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The image the charts and the operator default to for a project, e.g. ghcr.io/netra/netra-probes:0.1.0.</summary>
    public static string Image(string name) => $"ghcr.io/netra/{name}:{ImageTag}";

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _started = true;
        var up = await RunScriptAsync("up.sh", StartTimeout);
        if (up.Code != 0)
        {
            // 3: another cluster runs on this machine, which is not this one's to stop.
            _started = up.Code != 3;
            throw new InvalidOperationException($"tests/cluster/up.sh failed: {up}");
        }

        StartupTime = clock.Elapsed;
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(StateDirectory, "admin.kubeconfig"));
        _admin = new Kubernetes(config);
    }

    /// <summary>The last lines of each component's log (kubelet, containerd, ...), for a failing test's message.</summary>
    public static string DescribeLogs(int lines = 20)
    {
        var logs = Path.Combine(StateDirectory, "logs");
        if (!Directory.Exists(logs))
        {
            return "(no cluster logs)";
        }

        return string.Join('\n', Directory.EnumerateFiles(logs, "*.log").Order(StringComparer.Ordinal).Select(file =>
            $"----- {Path.GetFileName(file)} -----\n{string.Join('\n', ReadShared(file).Split('\n').TakeLast(lines))}"));
    }

    /// <summary>What a pod's containers wrote (the kubelet's files under /var/log/pods), for a failing test's message.</summary>
    public static string PodLogs(string ns, string podPrefix)
    {
        const string Root = "/var/log/pods";
        if (!Directory.Exists(Root))
        {
            return string.Empty;
        }

        return string.Join('\n', Directory.EnumerateDirectories(Root, $"{ns}_{podPrefix}*")
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.log", SearchOption.AllDirectories))
            .Select(file => $"----- {file} -----\n{ReadShared(file)}"));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<(int Code, string Output)> RunScriptAsync(string script, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(Scripts, script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds:0} s\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}{await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        _admin = null;
        if (_started)
        {
            _started = false;
            var down = await RunScriptAsync("down.sh", StopTimeout);
            if (down.Code != 0)
            {
                throw new InvalidOperationException($"tests/cluster/down.sh failed: {down.Output}");
            }
        }

        GC.SuppressFinalize(this);
    }
}
