using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Ui;
using Netra.Operator.Tests.Integration;

namespace Netra.Operator.Tests.Ui;

/// <summary>The UI's tests share one control plane: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class UiDefinition : ICollectionFixture<UiFixture>
{
    public const string Name = "Ui";
}

/// <summary>
/// A control plane prepared as the chart prepares a cluster with the UI on (its rules for the operator); a viewer's
/// ServiceAccount allowed TestRuns and TestRunSchedules in <see cref="Team"/> only; runs in <see cref="Team"/> and in
/// <see cref="Other"/>, a schedule with a dozen finished runs; and the UI, served with the operator's account. No operator
/// reconciles here: the fixture writes the runs' status as the operator would.
/// </summary>
public sealed class UiFixture : OperatorTestBed, IAsyncLifetime
{
    public const string Team = "ui-team";
    public const string Other = "ui-other";
    public const string Viewer = "viewer";
    public const string Schedule = "hourly";
    public const string FailedRun = "deploy-7f3a";
    public const string PassedRun = "deploy-6e21";
    public const string HiddenRun = "payments-secret-run";
    public const string FailedCase = "msg-007";

    /// <summary>A failure message as a probe might report it: markup that must reach the page as text.</summary>
    public const string FailureMessage = "expected agent_completed, got <script>alert('x')</script>";

    /// <summary>The schedule's runs: pass, pass, fail, and so on; 12 of them, 8 succeeded.</summary>
    public static readonly bool[] ScheduleOutcomes = [true, true, false, true, true, false, true, true, false, true, true, false];

    private Kubernetes? _operatorClient;
    private UiServer? _ui;

    public UiServer Ui => _ui ?? throw new InvalidOperationException("The fixture starts the UI.");

    /// <summary>The viewer's token: get, list on TestRuns and schedules in <see cref="Team"/> only.</summary>
    public string ViewerToken { get; private set; } = string.Empty;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync("ui: {enabled: true}");
        foreach (var ns in new[] { Team, Other })
        {
            await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        (await TenantAccount.CreateAsync(Cp, Team, Viewer)).Dispose();
        ViewerToken = await TenantAccount.TokenAsync(Cp, Team, Viewer);
        await CreateRunsAsync();
        _operatorClient = Cp.CreateOperatorClient();
        _ui = StartUi();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_ui is not null)
        {
            await _ui.DisposeAsync();
        }

        _operatorClient?.Dispose();
        await DisposeAsync();
    }

    /// <summary>Another UI on the same cluster, with other options (the caller disposes it).</summary>
    public UiServer StartUi(UiOptions? options = null) =>
        UiServer.Start(
            _operatorClient ?? Cp.CreateOperatorClient(), options ?? new UiOptions { Address = "127.0.0.1", Port = 0 },
            NullLoggerFactory.Instance, TimeProvider.System);

    /// <summary>A browser-less client of the UI that keeps its cookies and does not follow redirects (the caller disposes it).</summary>
    public HttpClient Client(UiServer? ui = null) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = (ui ?? Ui).Address };

    /// <summary>A client logged in with the viewer's token.</summary>
    public async Task<HttpClient> LoggedInAsync()
    {
        var client = Client();
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = ViewerToken }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private async Task CreateRunsAsync()
    {
        await CreateAsync(Team, PassedRun, "release-41");
        await WriteStatusAsync(Team, PassedRun, Phases.Succeeded, DateTimeOffset.UtcNow.AddMinutes(-30));
        await CreateAsync(Team, FailedRun, "release-42");
        await WriteStatusAsync(Team, FailedRun, Phases.Failed, DateTimeOffset.UtcNow.AddMinutes(-5));
        await CreateAsync(Team, "deploy-in-progress", "release-43");
        await WriteStatusAsync(Team, "deploy-in-progress", Phases.Probing, null);
        await CreateAsync(Other, HiddenRun, "payments-9");
        await WriteStatusAsync(Other, HiddenRun, Phases.Failed, DateTimeOffset.UtcNow.AddMinutes(-1));

        await this.CreateFailingScheduleAsync(Team, Schedule, "0 * * * *", "Allow");
        var schedule = await this.ReadScheduleAsync(Team, Schedule);
        var start = DateTimeOffset.UtcNow.AddHours(-ScheduleOutcomes.Length);
        for (var i = 0; i < ScheduleOutcomes.Length; i++)
        {
            var run = ScheduledRuns.Create(schedule, new RunTrigger { Reason = TriggerReasons.Schedule, Time = start.AddHours(i) });
            await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(run, TestRun.Group, TestRun.Version, Team, TestRun.Plural);
            await WriteStatusAsync(
                Team, run.Metadata.Name, ScheduleOutcomes[i] ? Phases.Succeeded : Phases.Failed, start.AddHours(i).AddMinutes(2));
        }
    }

    private Task<TestRun> CreateAsync(string ns, string name, string revision) => CreateRunAsync(ns, $$"""
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

    /// <summary>A run's status as the operator writes it: a failed run fails thread-management's <see cref="FailedCase"/>.</summary>
    private async Task WriteStatusAsync(string ns, string name, string phase, DateTimeOffset? finishedAt)
    {
        var failed = phase == Phases.Failed;
        var status = new TestRunStatus
        {
            Phase = phase,
            ObservedGeneration = 1,
            Run = 1,
            StartTime = finishedAt?.AddMinutes(-2) ?? DateTimeOffset.UtcNow,
            CompletionTime = finishedAt,
            Duration = finishedAt is null ? null : "2m0s",
            Conditions =
            [
                new TestRunCondition
                {
                    Type = finishedAt is null ? ConditionTypes.Ready : ConditionTypes.Finished,
                    Status = finishedAt is null ? ConditionStatuses.False : ConditionStatuses.True,
                    Reason = failed ? "TestsFailed" : finishedAt is null ? "Probing" : "Succeeded",
                    Message = failed ? "Failed: thread-management." : $"The run is {phase}.",
                    LastTransitionTime = DateTimeOffset.UtcNow,
                },
            ],
            Scenarios = finishedAt is null
                ? []
                :
                [
                    new ScenarioStatus
                    {
                        Name = "thread-management",
                        Result = failed ? ScenarioResults.Failed : ScenarioResults.Passed,
                        Passed = failed ? 7 : 8,
                        Failed = failed ? 1 : 0,
                        DurationMs = 4200,
                        Failures = failed ? [new CaseFailure { Id = FailedCase, Message = FailureMessage }] : [],
                    },
                    new ScenarioStatus { Name = "auth-service-independence", Result = ScenarioResults.Passed, Passed = 5, DurationMs = 900 },
                ],
        };
        await Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch),
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, name);
    }
}
