using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Netra.Testing;

namespace Netra.TestBed;

// One attempt at starting: the folder, keys and tokens; then etcd, the API server and the
// controller manager, each healthy before the next starts.
public partial class ControlPlane
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private async Task StartOnceAsync(ControlPlaneBinaries binaries, CancellationToken cancellationToken)
    {
        var layout = PrepareFolder();
        await StartEtcdAsync(binaries.Etcd, layout, cancellationToken);
        await StartApiServerAsync(binaries.KubeApiServer, layout, cancellationToken);
        await StartControllerManagerAsync(binaries.KubeControllerManager, layout, cancellationToken);
        _adminClient = ClientFor(AdminToken);
    }

    /// <summary>A new temporary folder and free ports; the service-account key pair, the token file and the audit policy in it.</summary>
    private Layout PrepareFolder()
    {
        var dir = Directory.CreateTempSubdirectory("netra-controlplane-").FullName;
        _workDirectory = dir;
        var layout = new Layout(dir, FreeLoopbackPort(), FreeLoopbackPort(), FreeLoopbackPort(), FreeLoopbackPort());
        EtcdUrl = new Uri(layout.EtcdClientUrl);
        ApiServerUrl = new Uri($"https://127.0.0.1:{layout.ApiServerPort}");
        Directory.CreateDirectory(layout.ApiServerCertDirectory);
        Directory.CreateDirectory(layout.ControllerManagerCertDirectory);
        CaCertificatePath = Path.Combine(layout.ApiServerCertDirectory, "apiserver.crt");
        WriteServiceAccountKeys(layout);
        WriteTokenFile(layout.TokenFile);
        OperatorAudit = AuditLog.Create(dir, OperatorUserName);
        return layout;
    }

    private static void WriteServiceAccountKeys(Layout layout)
    {
        using var rsa = RSA.Create(2048);
        WritePrivate(layout.ServiceAccountPrivateKey, rsa.ExportRSAPrivateKeyPem());
        File.WriteAllText(layout.ServiceAccountPublicKey, rsa.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Static tokens: admin, operator, extra users. Random, never printed.</summary>
    private void WriteTokenFile(string path)
    {
        _tokens.Clear();
        var tokenLines = new StringBuilder();
        void AddUser(string name, IEnumerable<string> groups)
        {
            var token = RandomNumberGenerator.GetHexString(48, lowercase: true);
            _tokens[name] = token;
            tokenLines.Append(token).Append(',').Append(name).Append(',').Append(name)
                .Append(",\"").Append(string.Join(',', groups)).Append("\"\n");
        }

        AddUser(AdminUserName, ["system:masters", "system:authenticated"]);
        AddUser(OperatorUserName, ["system:serviceaccounts", $"system:serviceaccounts:{OperatorNamespace}", "system:authenticated"]);
        foreach (var user in _extraUsers)
        {
            AddUser(user.Name, [.. user.Groups, "system:authenticated"]);
        }

        WritePrivate(path, tokenLines.ToString());
    }

    private async Task StartEtcdAsync(string executable, Layout layout, CancellationToken cancellationToken)
    {
        var etcd = Launch("etcd", executable, layout.Folder,
        [
            "--name=netra",
            $"--data-dir={Path.Combine(layout.Folder, "etcd-data")}",
            $"--listen-client-urls={layout.EtcdClientUrl}",
            $"--advertise-client-urls={layout.EtcdClientUrl}",
            $"--listen-peer-urls=http://127.0.0.1:{layout.EtcdPeerPort}",
            $"--initial-advertise-peer-urls=http://127.0.0.1:{layout.EtcdPeerPort}",
            $"--initial-cluster=netra=http://127.0.0.1:{layout.EtcdPeerPort}",
            "--unsafe-no-fsync",
        ]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitHealthyAsync(etcd, "etcd /health", async () =>
        {
            var body = await http.GetStringAsync(new Uri(EtcdUrl, "/health"), cancellationToken);
            return body.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        });
    }

    private async Task StartApiServerAsync(string executable, Layout layout, CancellationToken cancellationToken)
    {
        var apiServer = Launch("kube-apiserver", executable, layout.Folder,
        [
            $"--etcd-servers={layout.EtcdClientUrl}",
            $"--cert-dir={layout.ApiServerCertDirectory}",
            $"--secure-port={layout.ApiServerPort}",
            "--bind-address=127.0.0.1",
            "--insecure-port=0",
            "--service-cluster-ip-range=10.0.0.0/24",
            "--service-account-issuer=https://kubernetes.default.svc",
            $"--service-account-key-file={layout.ServiceAccountPublicKey}",
            $"--service-account-signing-key-file={layout.ServiceAccountPrivateKey}",
            $"--token-auth-file={layout.TokenFile}",
            "--authorization-mode=RBAC",
            "--allow-privileged=true",
            "--disable-admission-plugins=ServiceAccount",
            .. OperatorAudit.ApiServerFlags,
        ]);
        HttpClient? http = null;
        try
        {
            await WaitHealthyAsync(apiServer, "kube-apiserver /readyz", async () =>
            {
                if (http is null)
                {
                    // The apiserver writes its self-signed certificate before it serves.
                    if (!File.Exists(CaCertificatePath) || new FileInfo(CaCertificatePath).Length == 0)
                    {
                        return false;
                    }

                    CaCertificates = LoadPem(CaCertificatePath);
                    http = TrustingOnly(CaCertificates, checkName: true);
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
                }

                using var response = await http.GetAsync(new Uri(ApiServerUrl, "/readyz"), cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            });
        }
        finally
        {
            http?.Dispose();
        }
    }

    /// <summary>kube-controller-manager, as cluster admin.</summary>
    private async Task StartControllerManagerAsync(string executable, Layout layout, CancellationToken cancellationToken)
    {
        var kubeconfig = WriteKubeconfig(AdminToken, Path.Combine(layout.Folder, "controller-manager.kubeconfig"));
        var controllerManager = Launch("kube-controller-manager", executable, layout.Folder,
        [
            $"--kubeconfig={kubeconfig}",
            $"--authentication-kubeconfig={kubeconfig}",
            $"--authorization-kubeconfig={kubeconfig}",
            "--leader-elect=false",
            "--controllers=job,garbagecollector,namespace,serviceaccount-token,resourcequota",
            // The default 20 requests/s would pace the Job controller, not the operator, in bursts of runs.
            "--kube-api-qps=200",
            "--kube-api-burst=400",
            $"--service-account-private-key-file={layout.ServiceAccountPrivateKey}",
            $"--root-ca-file={CaCertificatePath}",
            "--bind-address=127.0.0.1",
            $"--secure-port={layout.ControllerManagerPort}",
            "--port=0",
            $"--cert-dir={layout.ControllerManagerCertDirectory}",
        ]);
        HttpClient? http = null;
        try
        {
            var certificate = Path.Combine(layout.ControllerManagerCertDirectory, "kube-controller-manager.crt");
            await WaitHealthyAsync(controllerManager, "kube-controller-manager /healthz", async () =>
            {
                if (http is null)
                {
                    if (!File.Exists(certificate) || new FileInfo(certificate).Length == 0)
                    {
                        return false;
                    }

                    http = TrustingOnly(LoadPem(certificate), checkName: false);
                }

                var healthz = new Uri($"https://127.0.0.1:{layout.ControllerManagerPort}/healthz");
                using var response = await http.GetAsync(healthz, cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            });
        }
        finally
        {
            http?.Dispose();
        }
    }

    private ChildProcess Launch(string name, string executable, string dir, string[] arguments)
    {
        var child = ChildProcess.Start(name, executable, arguments, Path.Combine(dir, $"{name}.log"));
        _processes.Add(child);
        return child;
    }

    /// <summary>Polls <paramref name="probe"/> until true; fails at once when the process exits, with its log.</summary>
    private static async Task WaitHealthyAsync(ChildProcess process, string what, Func<Task<bool>> probe)
    {
        try
        {
            await Eventually.WaitUntilAsync(async () =>
            {
                process.ThrowIfExited();
                try
                {
                    return await probe();
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, what, StepTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new ControlPlaneStartException($"Control plane failed to start: {e.Message}", e);
        }
    }

    private static HttpClient TrustingOnly(X509Certificate2Collection roots, bool checkName)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    ChainsTo(roots, certificate, errors, checkName),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }

    private static bool ChainsTo(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors, bool checkName)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
            || (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadPem(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }

    /// <summary>Where one start attempt puts things: its folder, its loopback ports, the files the components share.</summary>
    private sealed record Layout(string Folder, int EtcdPort, int EtcdPeerPort, int ApiServerPort, int ControllerManagerPort)
    {
        /// <summary>Without a trailing slash: etcd rejects URLs with a path, even "/".</summary>
        public string EtcdClientUrl => $"http://127.0.0.1:{EtcdPort}";

        public string ApiServerCertDirectory => Path.Combine(Folder, "apiserver-certs");

        public string ControllerManagerCertDirectory => Path.Combine(Folder, "controller-manager-certs");

        public string ServiceAccountPrivateKey => Path.Combine(Folder, "sa.key");

        public string ServiceAccountPublicKey => Path.Combine(Folder, "sa.pub");

        public string TokenFile => Path.Combine(Folder, "tokens.csv");
    }
}
