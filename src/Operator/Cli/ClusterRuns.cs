using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Report;

namespace Netra.Operator.Cli;

/// <summary>
/// TestRuns and their results as the CLI reads and writes them in a cluster. What the API server refuses (no access, a
/// spec it rejects) or a cluster that does not answer is one line of bad input, with the API server's own message.
/// </summary>
public sealed class ClusterRuns(Kubernetes client)
{
    public async Task<TestRun?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var item = await Said(() => client.CustomObjects.GetNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, ns, TestRun.Plural, name, cancellationToken));
            return KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
        }
        catch (UsageException refused) when (refused.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>
    /// Every write to the run after <paramref name="resourceVersion"/>, in order, until the server ends the watch (it does
    /// after a few minutes, or when that version is too old: then read the run again and watch from there).
    /// </summary>
    public async IAsyncEnumerable<TestRun> WatchAsync(
        string ns, string name, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, fieldSelector: $"metadata.name={name}",
            resourceVersion: resourceVersion, cancellationToken: cancellationToken);
        await foreach (var (type, item) in watch)
        {
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    yield return KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
                    break;
                case WatchEventType.Deleted:
                    throw new UsageException($"TestRun {ns}/{name} was deleted before it finished.");
                case WatchEventType.Error:
                    yield break;
            }
        }
    }

    public async Task<TestRun> ReadExistingAsync(string ns, string name, CancellationToken cancellationToken) =>
        await ReadAsync(ns, name, cancellationToken) ?? throw new UsageException($"no TestRun {ns}/{name}.");

    /// <summary>
    /// Creates the run, or, when a TestRun of its name exists, gives it the manifest's spec and runs it again with a new
    /// <c>netra.io/rerun</c> value (as <c>kubectl annotate</c> would). Returns the run as written: its annotation's value
    /// is the one its status will carry once the operator started this run.
    /// </summary>
    public async Task<(TestRun Run, bool Created)> ApplyAsync(TestRun run, string ns, string rerun, CancellationToken cancellationToken)
    {
        run.Metadata.NamespaceProperty = ns;
        run.Metadata.Annotations = new Dictionary<string, string>(run.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [ChildNames.RerunAnnotation] = rerun,
        };
        run.Status = null;
        try
        {
            var created = await Said(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(
                run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken));
            return (KubernetesJson.Deserialize<TestRun>(((JsonElement)created).GetRawText()), true);
        }
        catch (UsageException exists) when (exists.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict })
        {
            return (await RerunAsync(run, ns, rerun, cancellationToken), false);
        }
    }

    /// <summary>
    /// The run's results (<see cref="RunResults"/>) and the report its results ConfigMap keeps as the probes sent it; a run
    /// with no results yet, or results that do not read, is one line of bad input.
    /// </summary>
    public async Task<(RunReport Report, string? Kept)> ResultsAsync(TestRun run, CancellationToken cancellationToken)
    {
        try
        {
            var kept = await Said(() => RunResults.ReadKeptAsync(client, run, cancellationToken));
            return RunResults.Of(run, kept) is { } report
                ? (report, kept?.Report)
                : throw new UsageException($"TestRun {RunResults.Where(run)} has no results yet "
                    + $"(phase {run.Status?.Phase ?? "Pending"}); they are kept once its probes ran.");
        }
        catch (InvalidDataException unreadable)
        {
            throw new UsageException(unreadable.Message, unreadable);
        }
    }

    private async Task<TestRun> RerunAsync(TestRun wanted, string ns, string rerun, CancellationToken cancellationToken)
    {
        // A write that raced another (the operator's finalizer, a user's edit) is tried again on the newer object.
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadExistingAsync(ns, wanted.Metadata.Name, cancellationToken);
            current.Spec = wanted.Spec;
            current.Metadata.Annotations = new Dictionary<string, string>(current.Metadata.Annotations ?? new Dictionary<string, string>())
            {
                [ChildNames.RerunAnnotation] = rerun,
            };
            current.Status = null;
            try
            {
                var replaced = await Said(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
                    current, TestRun.Group, TestRun.Version, ns, TestRun.Plural, current.Metadata.Name, cancellationToken: cancellationToken));
                return KubernetesJson.Deserialize<TestRun>(((JsonElement)replaced).GetRawText());
            }
            catch (UsageException conflict)
                when (attempt < 5 && conflict.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict })
            {
            }
        }
    }

    /// <summary>The call's answer; what the API server refused, or a cluster that does not answer, as one line.</summary>
    private static async Task<T> Said<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException refused)
        {
            throw new UsageException($"the cluster refused: {ApiMessage(refused)}", refused);
        }
        catch (HttpRequestException unreachable)
        {
            throw new UsageException($"the cluster does not answer: {unreachable.Message.ReplaceLineEndings(" ")}", unreachable);
        }
    }

    /// <summary>The message of the API server's Status answer, else its HTTP status.</summary>
    private static string ApiMessage(HttpOperationException refused)
    {
        try
        {
            using var status = JsonDocument.Parse(refused.Response.Content ?? string.Empty);
            if (status.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return text.ReplaceLineEndings(" ");
            }
        }
        catch (JsonException)
        {
        }

        return $"{(int)refused.Response.StatusCode} {refused.Response.ReasonPhrase}";
    }
}
