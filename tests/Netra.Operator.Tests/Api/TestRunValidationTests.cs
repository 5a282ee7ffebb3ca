using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Tests.Api;

public sealed class TestRunValidationTests
{
    private static TestRunSpec Valid() => new() { Cleanup = new CleanupSpec() };

    public static TheoryData<string, Action<TestRunSpec>, string?> Cases => new()
    {
        { "defaults", _ => { }, null },
        { "existing with endpoints", s => { s.Environment.Mode = "Existing"; s.Environment.Endpoints = new() { AuthUrl = "http://auth", BackendUrl = "https://backend:8443", AgentUrl = "http://agent.ns.svc:80" }; }, null },
        { "existing without endpoints", s => s.Environment.Mode = "Existing", "spec.environment.endpoints (authUrl, backendUrl, agentUrl) is required when mode is Existing." },
        { "existing with a bad url", s => { s.Environment.Mode = "Existing"; s.Environment.Endpoints = new() { AuthUrl = "ftp://auth", BackendUrl = "http://b", AgentUrl = "http://a" }; }, "spec.environment.endpoints.authUrl must be an http or https URL, not 'ftp://auth'." },
        { "ephemeral with endpoints", s => s.Environment.Endpoints = new(), "spec.environment.endpoints is only for mode Existing; Ephemeral deploys its own services." },
        { "unknown mode", s => s.Environment.Mode = "Shared", "spec.environment.mode must be Ephemeral or Existing, not 'Shared'." },
        { "unknown scenario", s => s.Scenarios = ["thread-management", "load-test"], "spec.scenarios: 'load-test' is not a scenario;" },
        { "duplicate scenario", s => s.Scenarios = ["thread-management", "thread-management"], "spec.scenarios names a scenario more than once." },
        { "parallelism 0", s => s.Parallelism = 0, "spec.parallelism must be between 1 and 10, not 0." },
        { "parallelism 11", s => s.Parallelism = 11, "spec.parallelism must be between 1 and 10, not 11." },
        { "negative retries", s => s.Retries = -1, "spec.retries must be between 0 and 5, not -1." },
        { "timeout without unit", s => s.Timeout = "600", "spec.timeout must be a positive duration such as 90s, 15m or 1h30m, not '600'." },
        { "zero timeout", s => s.Timeout = "0s", "spec.timeout must be a positive duration" },
        { "unknown cleanup policy", s => s.Cleanup!.Policy = "Sometimes", "spec.cleanup.policy must be Always, OnSuccess or Never, not 'Sometimes'." },
        { "negative ttl", s => s.Cleanup!.TtlSecondsAfterFinished = -5, "spec.cleanup.ttlSecondsAfterFinished must not be negative." },
        { "a Secret name with dots", s => s.Environment.CredentialsSecretRef = new() { Name = "probe.credentials-1" }, null },
        { "a Secret name the API server refuses", s => s.Environment.CredentialsSecretRef = new() { Name = "Bad_Name" }, "spec.environment.credentialsSecretRef.name 'Bad_Name' is not a Secret name" },
        { "a Secret name too long", s => s.Environment.CredentialsSecretRef = new() { Name = new string('a', 254) }, $"spec.environment.credentialsSecretRef.name '{new string('a', 254)}' is not a Secret name" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validates_the_spec(string name, Action<TestRunSpec> change, string? problem)
    {
        var spec = Valid();
        change(spec);

        var problems = TestRunValidation.Validate(TestRunDefaults.Resolve(spec));

        if (problem is null)
        {
            Assert.True(problems.Count == 0, $"{name}: {string.Join(" | ", problems)}");
        }
        else
        {
            Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        }
    }
}
