using System.Text.Json;
using k8s;
using YamlDotNet.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using YamlDotNet.Serialization;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// Every TestRun the repository gives users to apply (examples, the Argo CD and Flux manifests) is accepted by a real
/// API server with the CRD installed: created with server-side dry run, so nothing is kept.
/// </summary>
public sealed class ExamplesDryRunTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    public static TheoryData<string> Manifests => new()
    {
        "examples/testrun-local.yaml",
        "examples/testrun-smoke.yaml",
        "examples/testrun-existing.yaml",
        "examples/testrun-smoke-existing.yaml",
        "examples/testrunschedule-after-deploy.yaml",
        "examples/gate/flagger-canary.yaml",
        "examples/gate/argo-rollouts-rollout.yaml",
        "gitops/argocd/postsync-testrun.yaml",
        "gitops/flux/smoke/testrun.yaml",
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task The_api_server_accepts_it(string file)
    {
        var testRuns = TestRunDocuments(await File.ReadAllTextAsync(Path.Combine(Repository.Root, file))).ToList();

        Assert.NotEmpty(testRuns);
        foreach (var testRun in testRuns)
        {
            var ns = testRun.GetProperty("metadata").TryGetProperty("namespace", out var given) ? given.GetString()! : "default";
            if (!await bed.NamespaceExistsAsync(ns))
            {
                await bed.Admin.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = ns } });
            }

            var kind = testRun.GetProperty("kind").GetString();
            var plural = kind == TestRunSchedule.KindName ? TestRunSchedule.Plural : TestRun.Plural;
            var created = await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
                testRun, TestRun.Group, TestRun.Version, ns, plural, dryRun: "All");

            Assert.Equal(kind, ((JsonElement)created).GetProperty("kind").GetString());
        }
    }

    /// <summary>The file's TestRun documents as JSON, with Flux's ${substitutions} given a value as Flux would.</summary>
    private static IEnumerable<JsonElement> TestRunDocuments(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml.Replace("${", "subst-{", StringComparison.Ordinal)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<Dictionary<object, object?>?>(parser);
            if (document is not null && document.GetValueOrDefault("kind") is TestRun.KindName or TestRunSchedule.KindName)
            {
                yield return JsonSerializer.SerializeToElement(document);
            }
        }
    }
}
