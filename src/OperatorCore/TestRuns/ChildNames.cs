using System.Globalization;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// Names and labels of a run's children. Every name follows from the run alone, so a restarted
/// operator finds what it created before instead of creating it twice.
/// </summary>
public static class ChildNames
{
    public const string Finalizer = "netra.io/cleanup";
    public const string ManagedBy = "netra-operator";

    public const string RunNameLabel = "netra.io/testrun";
    public const string RunNamespaceLabel = "netra.io/testrun-namespace";
    public const string RunUidLabel = "netra.io/testrun-uid";
    public const string ComponentLabel = "netra.io/component";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ScenarioLabel = "netra.io/scenario";
    public const string AttemptLabel = "netra.io/attempt";

    /// <summary>Annotation a user sets (to any new value) to run a finished TestRun again.</summary>
    public const string RerunAnnotation = "netra.io/rerun";

    /// <summary>Annotation with the run's full <c>namespace/name</c> (a label value is limited to 63 characters).</summary>
    public const string RunKeyAnnotation = "netra.io/testrun-key";

    public const string DeployComponent = "deploy";
    public const string ProbeComponent = "probe";
    public const string ResultsComponent = "results";

    public const string DeployJob = "netra-deploy";
    public const string Deployer = "netra-deployer";
    public const string ValuesConfigMap = "netra-values";
    public const string ChartsConfigMap = "netra-charts";

    public static string UidPrefix(TestRun run)
    {
        var uid = run.Metadata.Uid ?? throw new InvalidOperationException("A TestRun read from the API server has a uid.");
        return uid[..Math.Min(8, uid.Length)];
    }

    public static string EnvironmentNamespace(TestRun run) => $"netra-run-{UidPrefix(run)}";

    /// <summary>
    /// <c>&lt;run&gt;-&lt;uid prefix&gt;[-r&lt;re-run&gt;]-a&lt;attempt&gt;-s&lt;scenario index in the spec&gt;</c>, within
    /// the 63 characters a label value (job-name) allows; the re-run number appears from the second run on.
    /// </summary>
    public static string ProbeJob(TestRun run, int attempt, int scenarioIndex)
    {
        var round = run.Status?.Run is > 1 and var number ? $"-r{number}" : string.Empty;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{UidPrefix(run)}{round}-a{attempt}-s{scenarioIndex}");
        var name = run.Metadata.Name;
        return name[..Math.Min(name.Length, 63 - suffix.Length)].TrimEnd('-', '.') + suffix;
    }

    /// <summary>
    /// <c>&lt;run&gt;-results</c>, <c>&lt;run&gt;-r&lt;re-run&gt;-results</c> from the second run on: the run's full results.
    /// </summary>
    public static string ResultsConfigMap(TestRun run)
    {
        var suffix = run.Status?.Run is > 1 and var number ? $"-r{number}-results" : "-results";
        var name = run.Metadata.Name;
        return name[..Math.Min(name.Length, 253 - suffix.Length)].TrimEnd('-', '.') + suffix;
    }

    public static Dictionary<string, string> Labels(TestRun run, string component) => new()
    {
        [ManagedByLabel] = ManagedBy,
        [RunNameLabel] = Truncated(run.Metadata.Name),
        [RunNamespaceLabel] = run.Metadata.NamespaceProperty,
        [RunUidLabel] = run.Metadata.Uid,
        [ComponentLabel] = component,
    };

    public static Dictionary<string, string> Annotations(TestRun run) => new() { [RunKeyAnnotation] = ObjectKey.Of(run) };

    /// <summary>The queue key of the run a child was created for, or null for anything else.</summary>
    public static string? RunKeyOf(k8s.Models.V1ObjectMeta child) =>
        child.Annotations is { } annotations && annotations.TryGetValue(RunKeyAnnotation, out var key) ? key : null;

    public static string ManagedSelector => $"{ManagedByLabel}={ManagedBy}";

    public static string ProbeSelector(TestRun run) => $"{RunUidLabel}={run.Metadata.Uid},{ComponentLabel}={ProbeComponent}";

    private static string Truncated(string value) => value.Length <= 63 ? value : value[..63].TrimEnd('-', '.');
}
