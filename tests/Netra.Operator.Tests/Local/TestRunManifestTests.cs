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
