using System.Globalization;
using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Ui.Pages;

namespace Netra.Operator.Core.Ui.Charts;

/// <summary>One run's outcome of each scenario, for the strip.</summary>
public sealed record StripRun(string Name, IReadOnlyDictionary<string, string> Results);

/// <summary>
/// Each scenario's outcomes over a schedule's last runs, drawn on the server as SVG: a row per scenario, a cell per run
/// (oldest left), coloured by its result (Passed, Flaky, Failed, Skipped, NotRun; blank when the run did not have it).
/// </summary>
public static class ScenarioStrip
{
    public static readonly IReadOnlyDictionary<string, string> Colours = new Dictionary<string, string>
    {
        [ScenarioResults.Passed] = "#1a7f37",
        [ScenarioResults.Flaky] = "#bf8700",
        [ScenarioResults.Failed] = "#cf222e",
        [ScenarioResults.Skipped] = "#8c959f",
        [ScenarioResults.NotRun] = "#d0d7de",
    };

    private const int Label = 230;
    private const int Cell = 14;
    private const int Gap = 2;

    public static string Svg(IReadOnlyList<StripRun> runs)
    {
        var scenarios = runs.SelectMany(r => r.Results.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var width = Label + (Math.Max(runs.Count, 1) * (Cell + Gap));
        var height = Math.Max(scenarios.Count, 1) * (Cell + Gap);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"scenario-strip\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"));
        svg.Append("<title>Each scenario's result in each run, oldest left</title>");
        for (var row = 0; row < scenarios.Count; row++)
        {
            var scenario = scenarios[row];
            var y = row * (Cell + Gap);
            svg.Append(Invariant($"<text x=\"0\" y=\"{y + Cell - 3}\">{Html.E(scenario)}</text>"));
            for (var column = 0; column < runs.Count; column++)
            {
                if (runs[column].Results.TryGetValue(scenario, out var result))
                {
                    var x = Label + (column * (Cell + Gap));
                    var colour = Colours.GetValueOrDefault(result, "#ffffff");
                    svg.Append(Invariant(
                        $"<rect class=\"cell {result.ToLowerInvariant()}\" x=\"{x}\" y=\"{y}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{colour}\">"));
                    svg.Append($"<title>{Html.E(scenario)} in {Html.E(runs[column].Name)}: {Html.E(result)}</title></rect>");
                }
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
