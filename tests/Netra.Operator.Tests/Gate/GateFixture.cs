using System.Net.Http.Headers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Gate;

/// <summary>The gate's tests share one control plane: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GateDefinition : ICollectionFixture<GateFixture>
{
    public const string Name = "Gate";
}

/// <summary>
/// A control plane prepared as the chart prepares a cluster with the gate on (its two rules for the operator); a tenant's
/// ServiceAccount allowed TestRuns and TestRunSchedules in <see cref="Team"/> only; and the gate, served with the
/// operator's account. No operator reconciles here: the tests write the runs' status as the operator would.
/// </summary>
public sealed class GateFixture : OperatorTestBed, IAsyncLifetime
{
    public const string Team = "gate-team";
    public const string Other = "gate-other";

    private Kubernetes? _operatorClient;
    private GateServer? _gate;

    public GateServer Gate => _gate ?? throw new InvalidOperationException("The fixture starts the gate.");

    /// <summary>The token of a ServiceAccount of <see cref="Team"/> allowed get, list, create on TestRuns and schedules there.</summary>
    public string TenantToken { get; private set; } = string.Empty;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync("gate: {enabled: true}");
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Team } });
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Other } });
        (await TenantAccount.CreateAsync(Cp, Team, "release-bot")).Dispose();
        TenantToken = await TenantAccount.TokenAsync(Cp, Team, "release-bot");
        _operatorClient = Cp.CreateOperatorClient();
        _gate = GateServer.Start(_operatorClient, new GateOptions { Address = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        _operatorClient?.Dispose();
        await DisposeAsync();
    }

    /// <summary>A client of the gate; the caller disposes it.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gate.Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task<TestRun> CreateExistingRunAsync(string name, string revision = "abc123") => CreateRunAsync(Team, $$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          revision: "{{revision}}"
          scenarios: [thread-management, auth-service-independence]
          environment:
            mode: Existing
            endpoints: {{UnreachableEndpoints}}
        """);

    /// <summary>A schedule whose template probes unreachable endpoints (nothing runs it here).</summary>
    public async Task<TestRunSchedule> CreateScheduleAsync(string name)
    {
        var schedule = new TestRunSchedule
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new TestRunScheduleSpec
            {
                Schedule = "0 */6 * * *",
                Template = new TestRunSpec
                {
                    Scenarios = ["thread-management", "auth-service-independence"],
                    Environment = new EnvironmentSpec
                    {
                        Mode = EnvironmentModes.Existing,
                        Endpoints = new EndpointsSpec
                        {
                            AuthUrl = "http://127.0.0.1:1", BackendUrl = "http://127.0.0.1:1", AgentUrl = "http://127.0.0.1:1",
                        },
                    },
                },
            },
        };
        var created = await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            schedule, TestRun.Group, TestRun.Version, Team, TestRunSchedule.Plural);
        return KubernetesJson.Deserialize<TestRunSchedule>(((System.Text.Json.JsonElement)created).GetRawText());
    }

    /// <summary>
    /// A run of <paramref name="schedule"/> as the schedule controller creates one, testing <paramref name="revision"/>.
    /// </summary>
    public async Task<TestRun> CreateScheduledRunAsync(TestRunSchedule schedule, string revision, DateTimeOffset fired)
    {
        var run = ScheduledRuns.Create(schedule, new RunTrigger { Reason = TriggerReasons.Rollout, Time = fired });
        run.Spec.Revision = revision;
        await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(run, TestRun.Group, TestRun.Version, Team, TestRun.Plural);
        return run;
    }

    public async Task<IReadOnlyList<TestRun>> ListRunsAsync(string labelSelector) =>
        [.. (await Admin.CustomObjects.ListAsync<TestRun>(TestRun.Group, TestRun.Version, Team, TestRun.Plural, labelSelector)).Items];

    /// <summary>Writes a run's status as the operator does when it ends or while it probes (the stand-in for the operator).</summary>
    public async Task WriteStatusAsync(string name, string phase, params (string Scenario, string Result)[] scenarios)
    {
        var finished = phase is Phases.Succeeded or Phases.Failed;
        var status = new TestRunStatus
        {
            Phase = phase,
            ObservedGeneration = 1,
            Conditions =
            [
                new TestRunCondition
                {
                    Type = finished ? ConditionTypes.Finished : ConditionTypes.Ready,
                    Status = finished ? "True" : "False",
                    Reason = phase == Phases.Failed ? "TestsFailed" : phase,
                    Message = $"The run is {phase}.",
                    LastTransitionTime = DateTimeOffset.UtcNow,
                },
            ],
            Scenarios = [.. scenarios.Select(s => new ScenarioStatus { Name = s.Scenario, Result = s.Result })],
        };
        await Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch),
            TestRun.Group, TestRun.Version, Team, TestRun.Plural, name);
    }
}
