using k8s;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The operator's watch of custom objects, against the real API server: each event read straight into its type as it
/// arrives (a run's large values never read), and a version the server no longer has ends it for a relist.
/// </summary>
public sealed class CustomObjectWatchTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task Each_change_arrives_as_it_happens_read_into_its_type_without_values_over_the_bound()
    {
        var ns = await bed.CreateNamespaceAsync("watch");
        var list = await bed.Admin.CustomObjects.ListAsync<TestRun>(TestRun.Group, TestRun.Version, ns, TestRun.Plural);
        using var stop = new CancellationTokenSource(OperatorTestBed.Deadline);
        await using var changes = CustomObjectWatch.ReadAsync<TestRun>(
            bed.Admin, TestRun.Group, TestRun.Version, TestRun.Plural, labelSelector: null, list.Metadata!.ResourceVersion, stop.Token)
            .GetAsyncEnumerator(stop.Token);

        foreach (var (name, size) in new[] { ("small", 100), ("large", 1300 * 1024) })
        {
            await bed.CreateRunAsync(ns, $$"""
                apiVersion: netra.io/v1alpha1
                kind: TestRun
                metadata: {name: {{name}}}
                spec:
                  scenarios: [auth-service-independence]
                  environment: {charts: {auth: {values: {blob: {{new string('x', size)}} } } } }
                """);

            // The next change is this run's, read before anything else happens: a watch that held an event back would hang here.
            var change = await NextAsync(changes, ns);
            Assert.Equal((WatchEventType.Added, name), (change.Type, change.Object.Metadata.Name));
            Assert.Equal(size > TestRunValidation.MaxValuesBytes, change.Object.Spec.Environment.Charts!.Auth!.Values is null);
        }
    }

    [Fact]
    public async Task A_version_the_server_no_longer_has_ends_the_watch_for_a_relist()
    {
        await Assert.ThrowsAsync<ResourceVersionGoneException>(async () =>
        {
            await foreach (var _ in CustomObjectWatch.ReadAsync<TestRun>(
                bed.Admin, TestRun.Group, TestRun.Version, TestRun.Plural, labelSelector: null, "1", CancellationToken.None))
            {
            }
        }).WaitAsync(OperatorTestBed.Deadline);
    }

    private static async Task<(WatchEventType Type, TestRun Object)> NextAsync(
        IAsyncEnumerator<(WatchEventType Type, TestRun Object)> changes, string ns)
    {
        while (await changes.MoveNextAsync())
        {
            if (changes.Current.Type != WatchEventType.Bookmark && changes.Current.Object.Metadata.NamespaceProperty == ns)
            {
                return changes.Current;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }
}
