namespace Netra.TestBed;

/// <summary>
/// Where <c>tests/controlplane/install.sh</c> put etcd, kube-apiserver and kube-controller-manager:
/// <c>$NETRA_CONTROLPLANE_BIN</c>, else <c>${NETRA_CACHE_DIR:-/var/cache/netra}/kubernetes-1.20.2/bin</c>.
/// </summary>
public sealed record ControlPlaneBinaries(string Etcd, string KubeApiServer, string KubeControllerManager)
{
    public const string KubernetesVersion = "1.20.2";

    public static string DefaultDirectory
    {
        get
        {
            var explicitDirectory = Environment.GetEnvironmentVariable("NETRA_CONTROLPLANE_BIN");
            if (!string.IsNullOrWhiteSpace(explicitDirectory))
            {
                return explicitDirectory;
            }

            var cache = Environment.GetEnvironmentVariable("NETRA_CACHE_DIR");
            return Path.Combine(string.IsNullOrWhiteSpace(cache) ? "/var/cache/netra" : cache, $"kubernetes-{KubernetesVersion}", "bin");
        }
    }

    /// <summary>Finds the three binaries, or throws saying how to get them.</summary>
    public static ControlPlaneBinaries Locate(string? directory = null)
    {
        directory ??= DefaultDirectory;
        var apiServer = Path.Combine(directory, "kube-apiserver");
        var controllerManager = Path.Combine(directory, "kube-controller-manager");
        var etcd = new[] { Path.Combine(directory, "etcd"), "/usr/bin/etcd" }.FirstOrDefault(File.Exists) ?? FindOnPath("etcd");
        var missing = new List<string>();
        if (!File.Exists(apiServer))
        {
            missing.Add(apiServer);
        }

        if (!File.Exists(controllerManager))
        {
            missing.Add(controllerManager);
        }

        if (etcd is null)
        {
            missing.Add("etcd (Debian package etcd-server)");
        }

        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Control plane binaries missing: {string.Join(", ", missing)}. Run tests/controlplane/install.sh as root " +
                "(tests/run.sh does), or point NETRA_CONTROLPLANE_BIN at a folder holding kube-apiserver and kube-controller-manager.");
        }

        return new ControlPlaneBinaries(etcd!, apiServer, controllerManager);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
