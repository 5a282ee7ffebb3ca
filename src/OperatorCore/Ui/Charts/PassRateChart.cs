using System.Globalization;
using System.Text;
using Netra.Operator.Core.Ui.Pages;

namespace Netra.Operator.Core.Ui.Charts;

/// <summary>One finished run of a schedule as the charts plot it.</summary>
public sealed record ChartRun(string Name, bool Succeeded, DateTimeOffset? Finished);

/// <summary>
/// A schedule's pass rate over its last runs, drawn on the server as SVG: for each run, oldest first, the percent of
/// the runs up to it (at most <see cref="Window"/>) that succeeded, as a line, and the run itself as a dot, green when
/// it succeeded, red when it failed, each with its name as a tooltip.
/// </summary>
public static class PassRateChart
{
    public const int Window = 10;
    public const string Passed = "#1a7f37";
    public const string Failed = "#cf222e";

    private const int Width = 720;
    private const int Height = 200;
    private const int Left = 40;
    private const int Right = 10;
    private const int Top = 10;
    private const int Bottom = 20;

    /// <summary>The rolling pass rate after each run, in percent.</summary>
    public static IReadOnlyList<int> Rates(IReadOnlyList<ChartRun> runs) =>
        [.. runs.Select((_, i) =>
        {
            var window = runs.Skip(Math.Max(0, i + 1 - Window)).Take(Math.Min(i + 1, Window)).ToList();
            return (int)Math.Round(100.0 * window.Count(r => r.Succeeded) / window.Count);
        })];

    public static string Svg(IReadOnlyList<ChartRun> runs)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"pass-rate\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\">"));
        svg.Append($"<title>Pass rate over the last {runs.Count} runs ({Window}-run window)</title>");
        foreach (var percent in new[] { 0, 50, 100 })
        {
            var y = Y(percent);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\" stroke=\"#d8dee4\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{y + 4}\" text-anchor=\"end\">{percent}%</text>"));
        }

        var rates = Rates(runs);
        if (runs.Count > 0)
        {
            var points = string.Join(' ', rates.Select((rate, i) => Invariant($"{X(i, runs.Count)},{Y(rate)}")));
            svg.Append($"<polyline class=\"rate\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"{points}\"/>");
        }

        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var colour = run.Succeeded ? Passed : Failed;
            var outcome = run.Succeeded ? "Succeeded" : "Failed";
            svg.Append(Invariant($"<circle class=\"run {outcome.ToLowerInvariant()}\" cx=\"{X(i, runs.Count)}\" cy=\"{Y(rates[i])}\" r=\"4\" fill=\"{colour}\">"));
            svg.Append($"<title>{Html.E(run.Name)}: {outcome}, pass rate {rates[i]}%</title></circle>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static double X(int index, int count) =>
        count <= 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (index * (Width - Left - Right) / (double)(count - 1));

    private static double Y(int percent) => Top + ((100 - percent) * (Height - Top - Bottom) / 100.0);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
