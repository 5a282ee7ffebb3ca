using System.Text;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Status;
using Prometheus;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The metric families the operator exports, read from what its own metric classes register (every one the operator
/// creates), so that a chart rule or a dashboard query naming anything else fails its test.
/// </summary>
public static class OperatorMetricFamilies
{
    public static async Task<IReadOnlyList<string>> NamesAsync()
    {
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        _ = new ControllerMetrics(factory, "testrun");
        _ = new OutcomeMetrics(factory);
        _ = new ScheduleMetrics(factory);
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        return [.. Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .Where(line => line.StartsWith("# TYPE netra_", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2])];
    }

    /// <summary>The family of a series name: a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> are its own.</summary>
    public static string Family(string series) =>
        System.Text.RegularExpressions.Regex.Replace(series, "_(bucket|sum|count)$", string.Empty);
}
