using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Testing;

namespace Netra.TestBed;

/// <summary>TestRuns as a test reads and writes them, through an admin client: the test control plane's or the cluster's.</summary>
public sealed class TestRunClient(Kubernetes admin)
{
    public async Task<TestRun> CreateRunAsync(string ns, string yaml)
    {
        var run = TestRunManifest.Parse(yaml, "test");
        var created = await admin.CustomObjects.CreateNamespacedCustomObjectAsync(run, TestRun.Group, TestRun.Version, ns, TestRun.Plural);
        return KubernetesJson.Deserialize<TestRun>(((JsonElement)created).GetRawText());
    }

    public async Task<TestRun?> ReadRunAsync(string ns, string name)
    {
        try
        {
            var item = await admin.CustomObjects.GetNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, name);
            return KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<TestRun> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan timeout)
    {
        TestRun? run = null;
        await Eventually.WaitUntilAsync(async () => (run = await ReadRunAsync(ns, name))?.Status?.Phase == phase,
            $"TestRun {ns}/{name} in phase {phase}", timeout);
        return run!;
    }

    /// <summary>Who holds a Lease, or null when there is none yet.</summary>
    public async Task<string?> LeaseHolderAsync(string lease, string ns)
    {
        try
        {
            return (await admin.CoordinationV1.ReadNamespacedLeaseAsync(lease, ns)).Spec.HolderIdentity;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> EventReasonsAsync(string ns, string name) =>
        [.. (await admin.CoreV1.ListNamespacedEventAsync(ns)).Items
            .Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == TestRun.KindName)
            .OrderBy(e => e.Metadata.CreationTimestamp).ThenBy(e => e.Metadata.Name)
            .Select(e => e.Reason)];
}
