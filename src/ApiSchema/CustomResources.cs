using System.Text.Json.Serialization.Metadata;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// The two custom resources: their names, printer columns and the comment heading their CRD file. Their schemas come
/// from the C# types; change a column or a short name here, a field in src/OperatorCore/Api/V1Alpha1.
/// </summary>
public static class CustomResources
{
    public static readonly CustomResource TestRuns = new(
        TestRunJsonContext.Default.TestRun,
        TestRun.KindName,
        TestRun.Plural,
        ShortNames: ["ntr"],
        Categories: ["netra"],
        PrinterColumns:
        [
            new("Phase", "string", ".status.phase"),
            new("Passed", "integer", ".status.summary.passed"),
            new("Failed", "integer", ".status.summary.failed"),
            new(
                "Reason",
                "string",
                ".status.conditions[?(@.type==\"Finished\")].reason",
                "Why the run ended (the Finished condition's reason), e.g. TestsFailed, DeployFailed, TimedOut."),
            new("Duration", "string", ".status.duration"),
            new("Age", "date", ".metadata.creationTimestamp"),
        ],
        Header: """
            The TestRun custom resource: one run of the Netra integration probes.
            Defaults are filled and the spec validated here, at apply; what a 1.20 schema cannot say
            (for example endpoints required when mode is Existing) the operator checks; a run it rejects ends in
            phase Failed with reason InvalidSpec. Every field has a description (kubectl explain testrun.spec), in
            the words of docs/testrun-reference.md.
            """,
        Reference: "docs/testrun-reference.md");

    public static readonly CustomResource TestRunSchedules = new(
        TestRunJsonContext.Default.TestRunSchedule,
        TestRunSchedule.KindName,
        TestRunSchedule.Plural,
        ShortNames: ["ntrs"],
        Categories: ["netra"],
        PrinterColumns:
        [
            new("Schedule", "string", ".spec.schedule"),
            new("Suspend", "boolean", ".spec.suspend"),
            new("Active", "integer", ".status.activeCount", "Runs not finished yet."),
            new("Last Schedule", "date", ".status.lastTrigger.time"),
            new("Pass Rate", "integer", ".status.passRate"),
            new("Flaky", "integer", ".status.flakyScenarios"),
            new("Failing Since", "string", ".status.regression.run", "The first failing run of a regression (status.regression)."),
            new("Age", "date", ".metadata.creationTimestamp"),
        ],
        Header: """
            The TestRunSchedule custom resource: creates TestRuns from a template, on a cron schedule and after rollouts, the
            way a CronJob creates Jobs. The template is the TestRun's spec schema, the same field for field as
            crds/testruns.netra.io.yaml (both come from the same C# type), so a schedule's runs get the same defaults and checks.
            The schedule is checked here at apply (five or six fields, or a macro); what a pattern cannot tell (a minute of 61,
            an unknown time zone) the operator reports in the Ready condition, reason InvalidSpec. Every field has a
            description, in the words of docs/testrunschedule-reference.md.
            """,
        Reference: "docs/testrunschedule-reference.md");

    public static IReadOnlyList<CustomResource> All { get; } = [TestRuns, TestRunSchedules];
}

/// <summary>One custom resource of group netra.io, version v1alpha1, namespaced, with a status subresource.</summary>
/// <param name="Type">The resource's JSON contract, the one the operator reads and writes it with.</param>
/// <param name="Reference">The reference page whose field tables are written from the schema.</param>
public sealed record CustomResource(
    JsonTypeInfo Type,
    string Kind,
    string Plural,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PrinterColumn> PrinterColumns,
    string Header,
    string Reference)
{
    public string Name => $"{Plural}.{TestRun.Group}";

    public string FileName => $"{Name}.yaml";
}

/// <summary>A column of <c>kubectl get</c>.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Description = null);
