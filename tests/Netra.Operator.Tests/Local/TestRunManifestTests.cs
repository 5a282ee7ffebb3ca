using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;

namespace Netra.Operator.Tests.Local;

public sealed class TestRunManifestTests
{
    [Fact]
    public void Reads_the_testrun_among_other_documents_with_free_form_values()
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: smoke
            ---
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata:
              name: after-deploy
              namespace: smoke
            spec:
              parallelism: 3
              scenarios: [thread-management, agent-lifecycle-events]
              environment:
                charts:
                  agent:
                    values:
                      replicas: 2
                      fault: {enabled: true, kinds: [llm_failure]}
            """;

        var run = TestRunManifest.Parse(yaml, "test.yaml");

        Assert.Equal("after-deploy", run.Metadata.Name);
        Assert.Equal(3, run.Spec.Parallelism);
        Assert.Equal(["thread-management", "agent-lifecycle-events"], run.Spec.Scenarios);
        var values = run.Spec.Environment.Charts!.Agent!.Values!;
        Assert.Equal(2, (int)values["replicas"]!);
        Assert.True((bool)values["fault"]!["enabled"]!);
    }

    [Fact]
    public void Reads_a_quarantine_with_its_date_time()
    {
        var run = TestRunManifest.Parse(
            Head + "quarantine: [{scenario: thread-management, until: \"2030-01-01T12:00:00+02:00\", reason: \"#42\"}]\n",
            "q.yaml",
            checkAsApplied: true);

        var entry = Assert.Single(run.Spec.Quarantine!);
        Assert.Equal("thread-management", entry.Scenario);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.Zero), entry.Until);
        Assert.Equal("#42", entry.Reason);
    }

    [Theory]
    [InlineData("kind: ConfigMap\napiVersion: v1\n", "no document of kind TestRun")]
    [InlineData("apiVersion: netra.io/v2\nkind: TestRun\n", "apiVersion must be netra.io/v1alpha1, not 'netra.io/v2'")]
    [InlineData("apiVersion: netra.io/v1alpha1\nkind: TestRun\nspec:\n  parallelism: many\n", "$.spec.parallelism")]
    [InlineData("apiVersion: netra.io/v1alpha1\nkind: TestRun\nspec: [unclosed\n", "not valid YAML")]
    [InlineData("apiVersion: netra.io/v1alpha1\nkind: TestRun\n---\napiVersion: netra.io/v1alpha1\nkind: TestRun\n", "2 TestRuns")]
    public void Says_clearly_what_is_wrong_with_a_manifest(string yaml, string expected)
    {
        var error = Assert.Throws<TestRunManifest.InvalidManifestException>(() => TestRunManifest.Parse(yaml, "bad.yaml"));

        Assert.StartsWith("bad.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private const string Head = "apiVersion: netra.io/v1alpha1\nkind: TestRun\nmetadata: {name: x}\nspec:\n  ";

    /// <summary>Each kind of schema violation, said as kubectl says it, and a spec the operator would not run.</summary>
    [Theory]
    [InlineData("parallelism: x", "spec.parallelism: Invalid value: \"x\": spec.parallelism in body must be of type integer")]
    [InlineData("parallelism: 11", "spec.parallelism: Invalid value: 11: spec.parallelism in body should be less than or equal to 10")]
    [InlineData("parallelism: 0", "spec.parallelism: Invalid value: 0: spec.parallelism in body should be greater than or equal to 1")]
    [InlineData("profile: Foo", "spec.profile: Unsupported value: \"Foo\": supported values: \"Safe\", \"Full\"")]
    [InlineData("scenarios: [nope]", "spec.scenarios[0]: Unsupported value: \"nope\": supported values: \"auth-websocket-handshake\", ")]
    [InlineData("scenarios: thread-management", "spec.scenarios: Invalid value: \"thread-management\": spec.scenarios in body must be of type array")]
    [InlineData("timeout: 3", "spec.timeout: Invalid value: 3: spec.timeout in body must be of type string")]
    [InlineData("environment: {mode: Existing, endpoints: {authUrl: 5}}",
        "spec.environment.endpoints.authUrl: Invalid value: 5: spec.environment.endpoints.authUrl in body must be of type string")]
    [InlineData("scenarios: [thread-management, thread-management]", "spec.scenarios names a scenario more than once.")]
    [InlineData("quarantine: [{scenario: nope, until: \"2030-01-01T00:00:00Z\"}]",
        "spec.quarantine[0].scenario: Unsupported value: \"nope\": supported values: \"auth-websocket-handshake\", ")]
    [InlineData("quarantine: [{scenario: thread-management}]", "spec.quarantine[0].until: Required value")]
    public void A_malformed_manifest_is_one_kubectl_style_line(string spec, string expected)
    {
        var error = Assert.Throws<TestRunManifest.InvalidManifestException>(
            () => TestRunManifest.Parse(Head + spec + "\n", "bad.yaml", checkAsApplied: true));

        Assert.StartsWith("bad.yaml: " + expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("testrun-local.yaml")]
    [InlineData("testrun-smoke.yaml")]
    [InlineData("testrun-existing.yaml")]
    public void Every_example_is_a_valid_testrun(string file)
    {
        var run = TestRunManifest.Load(Path.Combine(Repository.Root, "examples", file));

        Assert.Empty(TestRunValidation.Validate(TestRunDefaults.Resolve(run.Spec)));
    }
}
