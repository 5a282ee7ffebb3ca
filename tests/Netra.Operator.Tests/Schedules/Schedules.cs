using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

/// <summary>Schedules, their runs and workloads, as the schedule controller's unit tests need them.</summary>
internal static class Schedules
{
    public const string Uid = "5c4e0a1b-0000-4000-8000-000000000001";
    public static readonly DateTimeOffset Created = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TestRunSchedule Make(Action<TestRunScheduleSpec>? change = null, TestRunScheduleStatus? status = null)
    {
        var schedule = new TestRunSchedule
        {
            Metadata = new V1ObjectMeta
            {
                Name = "smoke", NamespaceProperty = "apps", Uid = Uid, Generation = 1, CreationTimestamp = Created.UtcDateTime,
            },
            Spec = new TestRunScheduleSpec
            {
                Template = new TestRunSpec
                {
                    Environment = new EnvironmentSpec
                    {
                        Mode = EnvironmentModes.Existing,
                        Endpoints = new EndpointsSpec { AuthUrl = "http://auth", BackendUrl = "http://backend", AgentUrl = "http://agent" },
                    },
                },
            },
            Status = status,
        };
        change?.Invoke(schedule.Spec);
        return schedule;
    }

    public static TestRun Run(
        string name, string? phase, DateTimeOffset completed, params (string Scenario, string Result)[] scenarios) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "apps",
            CreationTimestamp = completed.AddMinutes(-1).UtcDateTime,
            OwnerReferences = [new V1OwnerReference { Kind = TestRunSchedule.KindName, Name = "smoke", Uid = Uid, Controller = true }],
        },
        Status = new TestRunStatus
        {
            Phase = phase,
            CompletionTime = phase is Phases.Succeeded or Phases.Failed ? completed : null,
            Scenarios = [.. scenarios.Select(s => new ScenarioStatus { Name = s.Scenario, Result = s.Result })],
        },
    };

    public static TestRun Active(string name) => Run(name, Phases.Probing, Created);

    public static ObservedWorkload Deployment(
        string name, string revision, bool complete, DateTimeOffset? created = null, string ns = "apps", string tier = "backend") => new(
        new WorkloadRevision { Kind = WorkloadKinds.Deployment, Namespace = ns, Name = name, Revision = revision },
        complete,
        created ?? Created.AddDays(-1),
        new Dictionary<string, string> { ["tier"] = tier });

    public static ScheduleDecision Decide(
        TestRunSchedule schedule,
        DateTimeOffset now,
        IReadOnlyList<TestRun>? runs = null,
        IReadOnlyList<ObservedWorkload>? workloads = null) =>
        ScheduleDecider.Decide(new ScheduleObservation(schedule, runs ?? [], workloads ?? []), now);

    /// <summary>The schedule as the next reconcile sees it: with the status the decision wrote.</summary>
    public static TestRunSchedule After(TestRunSchedule schedule, ScheduleDecision decision)
    {
        schedule.Status = decision.Status;
        return schedule;
    }
}
