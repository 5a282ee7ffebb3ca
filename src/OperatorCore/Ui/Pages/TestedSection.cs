using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>What a run tested (<c>status.tested</c>): its revision, each service's image and digest, the charts, the values' hash.</summary>
public static class TestedSection
{
    public static string Body(TestedStatus? tested)
    {
        if (tested is null)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h2>What it tested</h2><dl class=\"tested\">")
            .Append(Html.Fact("Revision", Html.E(tested.Revision)))
            .Append(Html.Fact("Values hash", tested.ValuesHash is null ? null : $"<code>{Html.E(tested.ValuesHash)}</code>"))
            .Append("</dl>");
        if (tested.Images.Count > 0)
        {
            html.Append("<table class=\"images\"><tr><th>Service</th><th>Image</th><th>Digest</th></tr>");
            foreach (var image in tested.Images)
            {
                html.Append($"<tr><td>{Html.E(image.Service)}</td><td><code>{Html.E(image.Image)}</code></td>")
                    .Append($"<td><code>{Html.E(image.Digest)}</code></td></tr>");
            }

            html.Append("</table>");
        }

        if (tested.Charts.Count > 0)
        {
            html.Append("<table class=\"charts\"><tr><th>Service</th><th>Chart</th><th>Version</th></tr>");
            foreach (var chart in tested.Charts)
            {
                html.Append($"<tr><td>{Html.E(chart.Service)}</td><td><code>{Html.E(chart.Chart)}</code></td><td>{Html.E(chart.Version)}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.ToString();
    }
}
