using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Probes.Model;
using Netra.Probes.Reporting;
using Netra.Probes.Scenarios;

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
    /// The run's results: every case of its report, and every scenario of its status in the status' order (one the report
    /// does not hold is written as errors saying why), after the suite of a failed deploy when it kept evidence
    /// (<see cref="DeployEvidenceReport"/>). A finished run that kept no report (it ended before its probes ran) has its
    /// scenarios written so; an unfinished one has no results yet.
    /// </summary>
    public async Task<(RunReport Report, string? Kept)> ResultsAsync(TestRun run, CancellationToken cancellationToken)
    {
        var (kept, deployEvidence) = await ReadKeptAsync(run, cancellationToken);
        var where = $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";
        if (kept is null && run.Status?.Phase is not (Phases.Succeeded or Phases.Failed))
        {
            throw new UsageException(
                $"TestRun {where} has no results yet (phase {run.Status?.Phase ?? "Pending"}); they are kept once its probes ran.");
        }

        var report = kept is null ? Empty(run) : JsonReport.Parse(kept, ChildNames.ResultsConfigMap(run));
        return (DeployEvidenceReport.With(EveryScenario(report, run), run, deployEvidence), kept);
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

    /// <summary>The probes' report and a failed deploy's evidence, as the results ConfigMap holds them (either may be absent).</summary>
    private async Task<(string? Report, string? DeployEvidence)> ReadKeptAsync(TestRun run, CancellationToken cancellationToken)
    {
        try
        {
            var map = await Said(() => client.CoreV1.ReadNamespacedConfigMapAsync(
                ChildNames.ResultsConfigMap(run), run.Metadata.NamespaceProperty, cancellationToken: cancellationToken));
            IDictionary<string, string> data = map.Data ?? new Dictionary<string, string>();
            var report = data.TryGetValue(ResultsStage.ReportKey, out var r) ? r : null;
            var evidence = data.TryGetValue(DeployEvidence.Key, out var e) ? e : null;
            return report is null && evidence is null
                ? throw new UsageException($"the results of TestRun {run.Metadata.NamespaceProperty}/{run.Metadata.Name} hold no report.")
                : (report, evidence);
        }
        catch (UsageException missing) when (missing.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound })
        {
            return (null, null);
        }
    }

    private static RunReport Empty(TestRun run)
    {
        var status = run.Status ?? new TestRunStatus();
        var ending = status.Conditions.Find(ConditionTypes.Finished);
        var started = status.StartTime ?? status.CompletionTime ?? DateTimeOffset.UtcNow;
        return new RunReport(
            started,
            (status.CompletionTime ?? started) - started,
            [],
            ending?.Reason is Reasons.Succeeded or Reasons.TestsFailed ? null : ending?.Message);
    }

    private static RunReport EveryScenario(RunReport report, TestRun run)
    {
        IReadOnlyList<string> order = run.Status?.Scenarios is { Count: > 0 } statuses
            ? [.. statuses.Select(s => s.Name)]
            : TestRunDefaults.Resolve(run.Spec).Scenarios;
        var reported = report.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return report with
        {
            Scenarios = [.. order.Select(name => reported.TryGetValue(name, out var found) && found.Cases.Count > 0
                ? found
                : ScenarioCatalog.NeverRan(name, ResultsStatus.WhyNoReport(run.Status, name)))],
        };
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
