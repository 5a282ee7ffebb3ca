using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.TestBed;

namespace Netra.Operator.Bench;

/// <summary>TestRuns created already finished, their status as the operator writes it: what a busy CI leaves in a cluster.</summary>
internal static class FinishedRuns
{
    /// <summary>An Existing-mode spec whose endpoints answer nothing (a finished run is never probed again).</summary>
    public static TestRunSpec Spec() => new()
    {
        Environment = new EnvironmentSpec
        {
            Mode = EnvironmentModes.Existing,
            Endpoints = new EndpointsSpec { AuthUrl = "http://127.0.0.1:1", BackendUrl = "http://127.0.0.1:1", AgentUrl = "http://127.0.0.1:1" },
        },
    };

    /// <summary>Creates each run, then writes its finished status; 16 at once.</summary>
    public static Task CreateAsync(OperatorTestBed bed, IEnumerable<(TestRun Run, DateTimeOffset Fired, bool Failed)> runs) =>
        Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (each, stop) =>
        {
            var ns = each.Run.Metadata.NamespaceProperty;
            await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
                each.Run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: stop);
            await bed.Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new k8s.Models.V1Patch(KubernetesJson.Serialize(new { status = Status(each.Fired, each.Failed) }), k8s.Models.V1Patch.PatchType.MergePatch),
                TestRun.Group, TestRun.Version, ns, TestRun.Plural, each.Run.Metadata.Name, cancellationToken: stop);
        });

    /// <summary>A finished run's status as the operator writes it: ten scenarios, one failed case in a failed run.</summary>
    private static TestRunStatus Status(DateTimeOffset fired, bool failed) => new()
    {
        Phase = failed ? Phases.Failed : Phases.Succeeded,
        ObservedGeneration = 1,
        Run = 1,
        StartTime = fired,
        CompletionTime = fired.AddMinutes(2),
        Duration = "2m0s",
        Summary = new TestSummary { Total = 90, Passed = failed ? 89 : 90, Failed = failed ? 1 : 0 },
        Conditions =
        [
            new TestRunCondition
            {
                Type = ConditionTypes.Finished,
                Status = ConditionStatuses.True,
                Reason = failed ? "TestsFailed" : "Succeeded",
                Message = failed ? "Failed: thread-management." : "All 90 cases passed.",
                LastTransitionTime = fired.AddMinutes(2),
            },
        ],
        Scenarios = [.. Netra.Probes.Contract.ScenarioNames.All.Select(name => new ScenarioStatus
        {
            Name = name,
            Result = failed && name == "thread-management" ? ScenarioResults.Failed : ScenarioResults.Passed,
            Passed = 9,
            Failed = failed && name == "thread-management" ? 1 : 0,
            DurationMs = 4000,
            Failures = failed && name == "thread-management"
                ? [new CaseFailure { Id = "msg-007", Message = "expected agent_completed within 30s, got nothing" }]
                : [],
        })],
    };
}
