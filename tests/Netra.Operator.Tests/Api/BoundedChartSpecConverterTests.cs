using System.Text;
using System.Text.Json;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Api;

/// <summary>
/// A chart's values over the bound are never read into objects, wherever a run or schedule is read from (a response
/// streamed in small pieces, as the API server's are): only their size is kept, and it still refuses the run.
/// </summary>
public sealed class BoundedChartSpecConverterTests
{
    private static readonly JsonSerializerOptions Options = StreamingOptions();

    [Theory]
    [InlineData(TestRunValidation.MaxValuesBytes - 100, false)]
    [InlineData(TestRunValidation.MaxValuesBytes + 1, true)]
    [InlineData(1300 * 1024, true)]
    public void A_run_read_from_a_stream_keeps_values_within_the_bound_and_only_the_size_of_larger_ones(int size, bool dropped)
    {
        var run = Read<TestRun>(RunJson(size));

        var auth = run.Spec.Environment.Charts!.Auth!;
        Assert.Equal("oci://charts/auth", auth.Chart);
        Assert.Equal("1.2.3", auth.Version);
        Assert.Equal(dropped, auth.Values is null);
        Assert.Equal(dropped, auth.DroppedValuesBytes > TestRunValidation.MaxValuesBytes);
        Assert.Equal("kept", run.Spec.Environment.Charts.Agent!.Values!["config"]!.GetValue<string>());
        Assert.Equal(dropped, TestRunValidation.Validate(TestRunDefaults.Resolve(run.Spec)).Any(p => p.Contains("charts.auth.values takes", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_list_page_and_a_schedule_template_drop_them_too()
    {
        var page = Read<CustomObjectList<TestRun>>($$$"""{"metadata": {"continue": "next"}, "items": [{{{RunJson(200_000)}}}, {{{RunJson(10)}}}]}""");
        var schedule = Read<TestRunSchedule>($$$"""
            {"apiVersion": "netra.io/v1alpha1", "kind": "TestRunSchedule", "metadata": {"name": "nightly", "namespace": "team"},
             "spec": {"schedule": "0 3 * * *", "template": {{{Spec(200_000)}}} } }
            """);

        Assert.Equal("next", page.Metadata!.ContinueProperty);
        Assert.Equal([true, false], page.Items.Select(run => run.Spec.Environment.Charts!.Auth!.Values is null));
        Assert.Contains(ResolvedSchedule.Resolve(schedule.Spec).Problems, p => p.StartsWith("template: spec.environment.charts.auth.values takes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chart_is_written_as_the_generated_contract_writes_it()
    {
        var chart = Read<TestRun>(RunJson(10)).Spec.Environment.Charts!.Auth!;

        Assert.Equal(JsonSerializer.Serialize(chart, TestRunJsonContext.Default.ChartSpec), JsonSerializer.Serialize(chart, Options));
        Assert.Equal("""{"chart":"oci://charts/auth"}""", JsonSerializer.Serialize(new ChartSpec { Chart = "oci://charts/auth" }, Options));
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(new MemoryStream(Encoding.UTF8.GetBytes(json)), Options)!;

    private static string RunJson(int valuesSize) => $$$"""
        {"apiVersion": "netra.io/v1alpha1", "kind": "TestRun", "metadata": {"name": "large", "namespace": "team"}, "spec": {{{Spec(valuesSize)}}} }
        """;

    private static string Spec(int valuesSize) => $$$"""
        {"scenarios": ["auth-service-independence"], "environment": {"mode": "Ephemeral", "charts": {
          "auth": {"chart": "oci://charts/auth", "values": {"blob": "{{{new string('x', valuesSize)}}}", "nested": {"a": [1, 2]}}, "version": "1.2.3"},
          "agent": {"extra": {"a": [1, {"b": 2}]}, "values": {"config": "kept"}} } } }
        """;

    /// <summary>KubernetesClient's options as the operator configures them, reading a stream sixteen bytes at a time.</summary>
    private static JsonSerializerOptions StreamingOptions()
    {
        var options = new JsonSerializerOptions(KubernetesJsonOptions.Current) { DefaultBufferSize = 16 };
        return options;
    }
}
