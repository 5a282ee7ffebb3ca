using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Runtime.Versioning;
using System.Text;
using k8s;

// The control plane binaries are Linux builds; so are the file modes and signals used here.
[assembly: SupportedOSPlatform("linux")]

namespace Netra.TestBed;

/// <summary>A user of the static token file, beyond the built-in admin and operator.</summary>
public sealed record ControlPlaneUser(string Name, params string[] Groups);

/// <summary>
/// A real Kubernetes 1.20 control plane for one test class: etcd, kube-apiserver and
/// kube-controller-manager (job, garbagecollector, namespace, serviceaccount-token controllers)
/// as child processes on free loopback ports, in a temporary folder removed on dispose.
/// No kubelet and no scheduler: pods stay Pending.
/// </summary>
/// <remarks>
/// Derive to make an xunit class fixture (add <c>IAsyncLifetime</c>; pass token users to the protected constructor), or
/// <c>await using var cp = await ControlPlane.StartAsync();</c>.
/// Set <c>NETRA_KEEP_CONTROLPLANE=1</c> to keep the folder (logs, kubeconfigs) after the tests.
/// </remarks>
public partial class ControlPlane : IAsyncDisposable
{
    public const string OperatorNamespace = "netra-system";
    public const string OperatorServiceAccount = "netra-operator";
    public const string OperatorUserName = $"system:serviceaccount:{OperatorNamespace}:{OperatorServiceAccount}";
    public const string AdminUserName = "netra-test-admin";

    private readonly IReadOnlyList<ControlPlaneUser> _extraUsers;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly List<ChildProcess> _processes = [];
    private string? _workDirectory;
    private Kubernetes? _adminClient;
    private int _disposed;

    public ControlPlane()
        : this([])
    {
    }

    /// <summary>For a fixture deriving from this one that needs more token users.</summary>
    protected ControlPlane(IEnumerable<ControlPlaneUser> extraUsers)
    {
        _extraUsers = [.. extraUsers];
    }

    /// <summary>Starts a control plane; disposing it stops everything and removes its folder.</summary>
    /// <param name="extraUsers">Token users beyond the admin and the operator.</param>
    /// <param name="binaries">Default: <see cref="ControlPlaneBinaries.Locate"/>.</param>
    /// <param name="cancellationToken">Cancels the startup.</param>
    public static async Task<ControlPlane> StartAsync(
        IEnumerable<ControlPlaneUser>? extraUsers = null, ControlPlaneBinaries? binaries = null, CancellationToken cancellationToken = default)
    {
        var controlPlane = new ControlPlane(extraUsers ?? []);
        await controlPlane.StartCoreAsync(binaries ?? ControlPlaneBinaries.Locate(), cancellationToken);
        return controlPlane;
    }

    /// <summary>https://127.0.0.1:port of the kube-apiserver.</summary>
    public Uri ApiServerUrl { get; private set; } = null!;

    /// <summary>http://127.0.0.1:port of etcd (for tests that look behind the API).</summary>
    public Uri EtcdUrl { get; private set; } = null!;

    /// <summary>The folder holding logs, keys, kubeconfigs and etcd's data.</summary>
    public string WorkDirectory => _workDirectory ?? throw new InvalidOperationException("Control plane not started.");

    /// <summary>PEM file of the apiserver's serving certificate and its self-signed CA.</summary>
    public string CaCertificatePath { get; private set; } = null!;

    /// <summary>The API server's audit log: every request of <see cref="OperatorUserName"/>, and nothing else.</summary>
    public AuditLog OperatorAudit { get; private set; } = null!;

    public X509Certificate2Collection CaCertificates { get; private set; } = null!;

    /// <summary>Time from <see cref="InitializeAsync"/> until all three components were healthy.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Token of a cluster admin (group system:masters).</summary>
    public string AdminToken => TokenFor(AdminUserName);

    /// <summary>Token of <see cref="OperatorUserName"/>: what the operator's service account would get. No RBAC grants by default.</summary>
    public string OperatorToken => TokenFor(OperatorUserName);

    /// <summary>A client authenticated as cluster admin, owned by the control plane (do not dispose).</summary>
    public Kubernetes AdminClient => _adminClient ?? throw new InvalidOperationException("Control plane not started.");

    /// <summary>The token of a user given at construction, of the admin, or of the operator.</summary>
    public string TokenFor(string userName) =>
        _tokens.TryGetValue(userName, out var token) ? token : throw new KeyNotFoundException($"No token for user '{userName}'.");

    /// <summary>Client configuration for a bearer token, trusting the apiserver's CA.</summary>
    public KubernetesClientConfiguration ConfigurationFor(string token) => new()
    {
        Host = ApiServerUrl.ToString().TrimEnd('/'),
        AccessToken = token,
        SslCaCerts = CaCertificates,
    };

    /// <summary>A new client for a bearer token; the caller disposes it.</summary>
    public Kubernetes ClientFor(string token) => new(ConfigurationFor(token));

    /// <summary>A new client authenticated as the operator's service account; the caller disposes it.</summary>
    public Kubernetes CreateOperatorClient() => ClientFor(OperatorToken);

    /// <summary>
    /// Writes a kubeconfig (server, CA data, bearer token; mode 0600) and returns its path:
    /// <paramref name="path"/>, or a new file in <see cref="WorkDirectory"/>.
    /// </summary>
    public string WriteKubeconfig(string token, string? path = null, string? defaultNamespace = null)
    {
        path ??= Path.Combine(WorkDirectory, $"kubeconfig-{Guid.NewGuid():N}.yaml");
        WriteKubeconfigFile(path, ApiServerUrl, CaCertificatePath, token, defaultNamespace);
        return path;
    }

    /// <summary>Last lines of each component's log, for a failing test's message.</summary>
    public string DescribeLogs(int lines = 30) =>
        string.Join("\n", _processes.Select(p => $"----- {p.Name} ({p.LogPath}) -----\n{p.Tail(lines)}"));

    public Task InitializeAsync() => StartCoreAsync(ControlPlaneBinaries.Locate(), CancellationToken.None);

    private async Task StartCoreAsync(ControlPlaneBinaries binaries, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Free ports are picked, released and then bound by the child: another process may take
        // one in between. That shows as "address already in use"; start over with new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(binaries, cancellationToken);
                StartupTime = clock.Elapsed;
                return;
            }
            catch (ControlPlaneStartException) when (attempt < 3 && DescribeLogs(40).Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await StopAndCleanAsync(keepDirectory: false);
            }
            catch (Exception e)
            {
                var keep = KeepDirectory;
                var logs = DescribeLogs(40);
                var folder = _workDirectory;
                await StopAndCleanAsync(keepDirectory: keep);
                if (e is ControlPlaneStartException)
                {
                    throw new ControlPlaneStartException(
                        $"{e.Message}\n{(keep ? $"Folder kept: {folder}" : "Set NETRA_KEEP_CONTROLPLANE=1 to keep the folder.")}\n{logs}", e.InnerException);
                }

                throw new ControlPlaneStartException($"Control plane failed to start: {e.Message}\n{logs}", e);
            }
        }
    }

    private static bool KeepDirectory => Environment.GetEnvironmentVariable("NETRA_KEEP_CONTROLPLANE") is "1" or "true";

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WritePrivate(string path, string content)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(content);
    }

    private static void WriteKubeconfigFile(string path, Uri server, string caPath, string token, string? defaultNamespace)
    {
        var caData = Convert.ToBase64String(File.ReadAllBytes(caPath));
        var ns = defaultNamespace is null ? string.Empty : $"\n    namespace: {defaultNamespace}";
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: netra-test
              cluster:
                server: {server.ToString().TrimEnd('/')}
                certificate-authority-data: {caData}
            users:
            - name: netra-test-user
              user:
                token: {token}
            contexts:
            - name: netra-test
              context:
                cluster: netra-test
                user: netra-test-user{ns}
            current-context: netra-test

            """;
        WritePrivate(path, yaml);
    }

    private async Task StopAndCleanAsync(bool keepDirectory)
    {
        _adminClient?.Dispose();
        _adminClient = null;
        // Reverse order: controller manager, apiserver, etcd.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        _processes.Clear();
        if (_workDirectory is { } dir && !keepDirectory)
        {
            for (var attempt = 0; attempt < 5 && Directory.Exists(dir); attempt++)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException) when (attempt < 4)
                {
                    await Task.Delay(100);
                }
                catch (UnauthorizedAccessException) when (attempt < 4)
                {
                    await Task.Delay(100);
                }
            }
        }

        _workDirectory = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAndCleanAsync(KeepDirectory);
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"ControlPlane {ApiServerUrl} ({_workDirectory})";
}

