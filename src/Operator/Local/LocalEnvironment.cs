using Microsoft.AspNetCore.Builder;
using Netra.Agent;
using Netra.Auth;
using Netra.Backend;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Running;
using Netra.ServiceDefaults;

namespace Netra.Operator.Local;

/// <summary>Extra configuration arguments per service (<c>--Section:Key=value</c>).</summary>
public sealed record ServiceSettings(IReadOnlyList<string> Auth, IReadOnlyList<string> Agent, IReadOnlyList<string> Backend)
{
    public static ServiceSettings None { get; } = new([], [], []);
}

/// <summary>
/// The three services started in this process on free loopback ports, configured as the probe
/// scenarios need (see <see cref="ProbeEnvironmentSettings"/>), each with its data and log files in
/// one folder of its own.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    private LocalEnvironment(DirectoryInfo folder) => Folder = folder;

    public DirectoryInfo Folder { get; }

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    public ProbeTargets Targets { get; private set; } = null!;

    /// <summary>Keep the folder (service logs and databases) when disposed, for someone to read.</summary>
    public bool KeepFiles { get; set; }

    /// <summary>Starts auth, agent and backend; <paramref name="overrides"/> come last, so they win over the probe settings.</summary>
    public static async Task<LocalEnvironment> StartAsync(CancellationToken cancellationToken, ServiceSettings? overrides = null)
    {
        overrides ??= ServiceSettings.None;
        var environment = new LocalEnvironment(Directory.CreateTempSubdirectory("netra-run-"));
        try
        {
            var auth = await environment.StartAsync(
                "auth", AuthApp.Create, [.. ProbeEnvironmentSettings.Auth, .. overrides.Auth], cancellationToken);
            var services = new[] { $"--Services:AuthUrl={auth}" };
            var agent = await environment.StartAsync(
                "agent", AgentApp.Create, [.. services, .. ProbeEnvironmentSettings.Agent, .. overrides.Agent], cancellationToken);
            var backend = await environment.StartAsync(
                "backend",
                BackendApp.Create,
                [.. services, $"--Services:AgentUrl={agent}", .. ProbeEnvironmentSettings.Backend, .. overrides.Backend],
                cancellationToken);
            environment.Targets = new ProbeTargets(auth, backend, agent);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            // Connections still open (a cancelled run's) are not waited for beyond a moment.
            using var grace = new CancellationTokenSource(StopGrace);
            await _apps[i].StopAsync(grace.Token);
            await _apps[i].DisposeAsync();
        }

        _apps.Clear();
        if (!KeepFiles)
        {
            Folder.Delete(recursive: true);
        }
    }

    private async Task<Uri> StartAsync(
        string name, Func<string[], WebApplication> create, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var app = create(
        [
            LoopbackHosting.FreeLoopbackPort,
            LoopbackHosting.HostedInProcess,
            "--environment=Development",
            $"--{Capitalized(name)}:DataPath={Path.Combine(Folder.FullName, $"{name}.db")}",
            "--Serilog:Console=false",
            "--Serilog:WriteTo:0:Name=File",
            $"--Serilog:WriteTo:0:Args:path={Path.Combine(Folder.FullName, $"{name}.log")}",
            "--Serilog:WriteTo:0:Args:formatter=Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact",
            .. settings,
        ]);
        _apps.Add(app);
        return await app.StartAndGetAddressAsync(cancellationToken);
    }

    private static string Capitalized(string name) => string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]);
}
