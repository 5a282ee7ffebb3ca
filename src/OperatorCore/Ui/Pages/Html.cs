using System.Globalization;
using System.Net;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>What every page writes the same way: text made safe for HTML, links, times, badges.</summary>
public static class Html
{
    /// <summary>Text as HTML shows it, never as markup.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A part of a URL path or query, encoded.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? string.Empty);

    public static string RunPath(string ns, string name) => $"/namespaces/{U(ns)}/testruns/{U(name)}";

    public static string SchedulePath(string ns, string name) => $"/namespaces/{U(ns)}/testrunschedules/{U(name)}";

    public static string RunLink(string ns, string name) => $"<a href=\"{RunPath(ns, name)}\">{E(name)}</a>";

    public static string ScheduleLink(string ns, string name) => $"<a href=\"{SchedulePath(ns, name)}\">{E(name)}</a>";

    /// <summary>A phase or result as a coloured word (the stylesheet's classes are the words, lower case).</summary>
    public static string Badge(string? word) =>
        word is null ? string.Empty : $"<span class=\"badge {E(word.ToLowerInvariant())}\">{E(word)}</span>";

    /// <summary>A name and its value in a list of facts; nothing when there is no value.</summary>
    public static string Fact(string name, string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : $"<dt>{name}</dt><dd>{value}</dd>";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? $"<time datetime=\"{t.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{t.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</time>" : string.Empty;

    /// <summary>How long ago, for people: 42s, 5m, 3h, 2d.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } start)
        {
            return string.Empty;
        }

        var age = now - start;
        return age.TotalSeconds < 0 ? "0s"
            : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    public static string Milliseconds(long ms) =>
        ms < 1000 ? $"{ms} ms" : (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The condition that says how the run ended, else the one that says where it is.</summary>
    public static TestRunCondition? Verdict(TestRunStatus? status) =>
        status?.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Finished)
        ?? status?.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready);

    public static string? Label(TestRun run, string key) =>
        run.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    public static string? Annotation(TestRun run, string key) =>
        run.Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public static bool IsFinished(TestRun run) => run.Status?.Phase is Phases.Succeeded or Phases.Failed;
}
