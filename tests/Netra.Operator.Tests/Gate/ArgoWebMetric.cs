using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// A measurement taken as Argo Rollouts' <c>web</c> metric provider takes it, from the AnalysisTemplate the repository
/// ships (examples/gate/argo-rollouts-analysistemplate.yaml). Per https://argo-rollouts.readthedocs.io/en/stable/analysis/web/:
/// a GET of <c>url</c> with the template's <c>headers</c>; the response must be JSON; <c>jsonPath</c> picks
/// <c>result</c>, which <c>successCondition</c> and <c>failureCondition</c> read; neither holding is Inconclusive. A
/// non-2xx answer is an Error measurement. Kargo's verification runs the same AnalysisTemplates.
/// </summary>
public sealed partial class ArgoWebMetric
{
    public const string Template = "examples/gate/argo-rollouts-analysistemplate.yaml";

    private readonly Dictionary<object, object> _metric;
    private readonly Dictionary<object, object> _web;

    private ArgoWebMetric(Dictionary<object, object> metric)
    {
        _metric = metric;
        _web = (Dictionary<object, object>)((Dictionary<object, object>)metric["provider"])["web"];
    }

    public static ArgoWebMetric Load()
    {
        var template = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Repository.Root, Template)));
        var metrics = (List<object>)((Dictionary<object, object>)template["spec"])["metrics"];
        return new ArgoWebMetric((Dictionary<object, object>)Assert.Single(metrics));
    }

    public string SuccessCondition => (string)_metric["successCondition"];

    public string FailureCondition => (string)_metric["failureCondition"];

    /// <summary>
    /// Successful, Failed, Inconclusive or Error, and the result the conditions read (the whole body: jsonPath <c>{$}</c>).
    /// </summary>
    /// <param name="url">Another URL than the template's, as a template asking for a schedule's run would have.</param>
    public async Task<(string Phase, JsonElement Result)> MeasureAsync(
        Uri gate, IReadOnlyDictionary<string, string> args, string? url = null)
    {
        // The template names the Service in the cluster; the test's gate listens elsewhere.
        var asked = new Uri(gate, new Uri(Substitute(url ?? (string)_web["url"], args)).PathAndQuery);
        var timeout = int.Parse((string)_web["timeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeout) };
        using var request = new HttpRequestMessage(HttpMethod.Get, asked);
        foreach (Dictionary<object, object> header in (List<object>)_web["headers"])
        {
            request.Headers.TryAddWithoutValidation((string)header["key"], Substitute((string)header["value"], args));
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return ("Error", default);
        }

        Assert.Equal("{$}", _web["jsonPath"]);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = body.RootElement.Clone();
        var phase = Holds(SuccessCondition, result) ? "Successful" : Holds(FailureCondition, result) ? "Failed" : "Inconclusive";
        return (phase, result);
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> args) =>
        ArgPattern().Replace(text, match => args[match.Groups[1].Value]);

    /// <summary>The conditions the template uses, of the form <c>result.FIELD == "VALUE"</c> (Argo evaluates them with expr).</summary>
    private static bool Holds(string condition, JsonElement result)
    {
        var equality = ConditionPattern().Match(condition);
        Assert.True(equality.Success, $"The test reads conditions of the form result.FIELD == \"VALUE\", not {condition}");
        return result.GetProperty(equality.Groups[1].Value).GetString() == equality.Groups[2].Value;
    }

    [GeneratedRegex(@"\{\{\s*args\.([\w-]+)\s*\}\}")]
    private static partial Regex ArgPattern();

    [GeneratedRegex("^result\\.(\\w+) == \"(\\w+)\"$")]
    private static partial Regex ConditionPattern();
}
