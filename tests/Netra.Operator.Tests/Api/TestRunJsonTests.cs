using System.Text.Json;
using k8s;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;

namespace Netra.Operator.Tests.Api;

/// <summary>
/// The TestRun's compile-time JSON contract (what the cluster image uses) writes and reads exactly
/// what KubernetesClient's reflection-based serializer does (what the JIT-compiled operator used).
/// </summary>
public sealed class TestRunJsonTests
{
    public static TheoryData<string> Examples => new(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_generated_contract_writes_and_reads_a_TestRun_with_its_status_as_reflection_does(string example)
    {
        var run = TestRunManifest.Load(Path.Combine(Repository.Root, "examples", example));
        run.Metadata.Uid = "0b1c2d3e-0000-4000-8000-000000000001";
        run.Metadata.CreationTimestamp = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        run.Status = FinishedStatus();
        var reflection = ReflectionOptions();

        var byReflection = JsonSerializer.Serialize(run, reflection);
        var byContract = KubernetesJson.Serialize(run);
        var readBack = KubernetesJson.Deserialize<TestRun>(byContract);

        Assert.Equal(byReflection, byContract);
        Assert.Equal(byReflection, JsonSerializer.Serialize(readBack, reflection));
        Assert.IsType<TestRunJsonContext>(KubernetesJsonOptions.Current.GetTypeInfo(typeof(TestRun)).OriginatingResolver);
    }

    /// <summary>
    /// KubernetesClient's own options as they were before <see cref="TestRunJson.Register"/> (which this test assembly
    /// calls first, as the operator does): every type by reflection.
    /// </summary>
    private static JsonSerializerOptions ReflectionOptions()
    {
        var reflection = new JsonSerializerOptions(KubernetesJsonOptions.Current);
        reflection.TypeInfoResolverChain.Remove(TestRunJsonContext.Default);
        reflection.Converters.Remove(reflection.Converters.OfType<BoundedChartSpecConverter>().Single());
        return reflection;
    }

    private static TestRunStatus FinishedStatus()
    {
        var started = new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero);
        return new TestRunStatus
        {
            Phase = Phases.Failed,
            ObservedGeneration = 2,
            StartTime = started,
            CompletionTime = started.AddSeconds(42.5),
            Duration = "42.5s",
            Conditions =
            [
                new TestRunCondition { Type = ConditionTypes.Ready, Status = ConditionStatuses.False, Reason = "ScenariosFailed", Message = "1 of 2 scenarios failed", ObservedGeneration = 2, LastTransitionTime = started.AddSeconds(42.5) },
                new TestRunCondition { Type = ConditionTypes.Succeeded, Status = ConditionStatuses.False, Reason = "ScenariosFailed", LastTransitionTime = started.AddSeconds(42.5) },
            ],
            Summary = new TestSummary { Total = 13, Passed = 12, Failed = 1 },
            Scenarios =
            [
                new ScenarioStatus { Name = "thread-management", Result = "Passed", Passed = 10, DurationMs = 1200 },
                new ScenarioStatus { Name = "auth-service-independence", Result = "Failed", Passed = 2, Failed = 1, DurationMs = 800, Attempts = 2, Failures = [new CaseFailure { Id = "auth-service-independence/jwks", Message = "expected 200, got 503" }] },
            ],
            Environment = new EnvironmentStatus { Namespace = "netra-run-0b1c2d3e", DeployState = "Deployed" },
        };
    }
}
