using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Netra.Agent;
using Netra.Auth;
using Netra.Auth.Accounts;
using Netra.Backend;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Running;
using Netra.Testing;

namespace Netra.Probes.Tests.Support;

/// <summary>
/// Auth, agent and backend started in this process on loopback ports, in one of two ways: as production
/// starts them (<see cref="StartProductionAsync"/>), or as the operator's environments do
/// (<see cref="StartProbeEnvironmentAsync"/>). <see cref="ProbeVariables"/> are the environment variables
/// that tell <c>netra-probes</c> who to act as.
/// </summary>
public sealed class ServiceTrio : IAsyncDisposable
{
    private readonly DirectoryInfo _data;
    private InProcessService? _agent;

    private ServiceTrio(DirectoryInfo data, InProcessService auth, InProcessService agent, InProcessService backend, IReadOnlyDictionary<string, string> variables)
    {
        _data = data;
        Auth = auth;
        _agent = agent;
        Backend = backend;
        ProbeVariables = variables;
        Targets = new ProbeTargets(auth.Address, backend.Address, agent.Address);
    }

    public InProcessService Auth { get; }

    public InProcessService Agent => _agent ?? throw new InvalidOperationException("The agent was stopped.");

    public InProcessService Backend { get; }

    public ProbeTargets Targets { get; }

    public IReadOnlyDictionary<string, string> ProbeVariables { get; }

    /// <summary>
    /// ASPNETCORE environment Production: nothing seeded, the probes' users and the service clients configured
    /// with hashes made as <c>netra-auth hash-secret</c> makes them, every other setting at its default.
    /// </summary>
    public static async Task<ServiceTrio> StartProductionAsync()
    {
        var secrets = new[] { "alice", "bob", "carol", "netra-backend", "netra-probes" }
            .ToDictionary(name => name, _ => Convert.ToHexString(Guid.NewGuid().ToByteArray()), StringComparer.Ordinal);
        string[] auth =
        [
            .. Users(secrets, "alice", "bob", "carol"),
            "--Auth:Clients:0:ClientId=netra-backend",
            $"--Auth:Clients:0:SecretHash={SecretHasher.Hash(secrets["netra-backend"])}",
            "--Auth:Clients:0:Grants:0:Audience=netra-agent",
            "--Auth:Clients:0:Grants:0:Scope=agent:run",
            "--Auth:Clients:1:ClientId=netra-probes",
            $"--Auth:Clients:1:SecretHash={SecretHasher.Hash(secrets["netra-probes"])}",
            "--Auth:Clients:1:Grants:0:Audience=netra-agent",
            "--Auth:Clients:1:Grants:0:Scope=agent:run",
            "--Auth:Clients:1:Grants:1:Audience=netra-backend",
        ];
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NETRA_PROBES_USER"] = "alice",
            ["NETRA_PROBES_PASSWORD"] = secrets["alice"],
            ["NETRA_PROBES_OTHER_USER"] = "bob",
            ["NETRA_PROBES_OTHER_PASSWORD"] = secrets["bob"],
            ["NETRA_PROBES_SPARE_USER"] = "carol",
            ["NETRA_PROBES_SPARE_PASSWORD"] = secrets["carol"],
            ["NETRA_PROBES_CLIENT_ID"] = "netra-probes",
            ["NETRA_PROBES_CLIENT_SECRET"] = secrets["netra-probes"],
            ["NETRA_PROBES_ALLOWED_HOSTS"] = "127.0.0.1, localhost",
        };
        return await StartAsync(
            "Production", auth, [], ["--Backend:ClientId=netra-backend", $"--Backend:ClientSecret={secrets["netra-backend"]}"], variables);
    }

    /// <summary>
    /// Development (the demo seed) with <see cref="ProbeEnvironmentSettings"/>, as the operator's local run starts them;
    /// <paramref name="authPodName"/> is auth's <c>POD_NAME</c>, as the Downward API would set it.
    /// </summary>
    public static Task<ServiceTrio> StartProbeEnvironmentAsync(string? authPodName = null) => StartAsync(
        "Development",
        [.. ProbeEnvironmentSettings.Auth, .. authPodName is null ? [] : new[] { $"--POD_NAME={authPodName}" }],
        ProbeEnvironmentSettings.Agent,
        ProbeEnvironmentSettings.Backend,
        new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Stops the agent, as an outage would.</summary>
    public async Task StopAgentAsync()
    {
        await Agent.DisposeAsync();
        _agent = null;
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        await Auth.DisposeAsync();
        _data.Delete(recursive: true);
    }

    private static IEnumerable<string> Users(Dictionary<string, string> secrets, params string[] names) =>
        names.SelectMany((name, i) => new[]
        {
            $"--Auth:Users:{i}:Username={name}",
            $"--Auth:Users:{i}:PasswordHash={SecretHasher.Hash(secrets[name])}",
        });

    private static async Task<ServiceTrio> StartAsync(
        string environment, IReadOnlyList<string> auth, IReadOnlyList<string> agent, IReadOnlyList<string> backend, IReadOnlyDictionary<string, string> variables)
    {
        var data = Directory.CreateTempSubdirectory("netra-probes-tests-");
        var started = new List<InProcessService>();
        try
        {
            string[] common = [$"--environment={environment}"];
            var authService = await Start(started, AuthApp.Create, [.. common, $"--Auth:DataPath={Path.Combine(data.FullName, "auth.db")}", .. auth]);
            string[] services = [$"--Services:AuthUrl={authService.Address}"];
            var agentService = await Start(started, AgentApp.Create, [.. common, .. services, .. agent]);
            var backendService = await Start(started, BackendApp.Create, [
                .. common, .. services, $"--Services:AgentUrl={agentService.Address}", $"--Backend:DataPath={Path.Combine(data.FullName, "backend.db")}", .. backend]);
            var trio = new ServiceTrio(data, authService, agentService, backendService, variables);
            foreach (var service in started)
            {
                Assert.Equal(environment, service.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
            }

            return trio;
        }
        catch
        {
            foreach (var service in Enumerable.Reverse(started))
            {
                await service.DisposeAsync();
            }

            data.Delete(recursive: true);
            throw;
        }
    }

    private static async Task<InProcessService> Start(List<InProcessService> started, Func<string[], Microsoft.AspNetCore.Builder.WebApplication> create, string[] args)
    {
        var service = await InProcessService.StartAsync(create, args);
        started.Add(service);
        return service;
    }
}
