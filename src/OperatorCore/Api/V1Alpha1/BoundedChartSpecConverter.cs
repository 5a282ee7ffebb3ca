using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// Reads a chart without ever holding values over <see cref="TestRunValidation.MaxValuesBytes"/>: their size is
/// measured where they lie in the reader's buffer and kept as <see cref="ChartSpec.DroppedValuesBytes"/> (the run is
/// refused for it), so a tenant's megabyte of values costs the operator no objects, however often it is read.
/// </summary>
internal sealed class BoundedChartSpecConverter : JsonConverter<ChartSpec>
{
    public override ChartSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a chart is an object of chart, version and values");
        }

        var chart = new ChartSpec();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "chart":
                    chart.Chart = reader.GetString();
                    break;
                case "version":
                    chart.Version = reader.GetString();
                    break;
                case "values":
                    ReadValues(ref reader, chart);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return chart;
    }

    public override void Write(Utf8JsonWriter writer, ChartSpec value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Chart is not null)
        {
            writer.WriteString("chart", value.Chart);
        }

        if (value.Version is not null)
        {
            writer.WriteString("version", value.Version);
        }

        if (value.Values is not null)
        {
            writer.WritePropertyName("values");
            value.Values.WriteTo(writer, options);
        }

        writer.WriteEndObject();
    }

    private static void ReadValues(ref Utf8JsonReader reader, ChartSpec chart)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var measured = reader;
        var start = measured.TokenStartIndex;
        measured.SkipValue();
        var bytes = measured.BytesConsumed - start;
        if (bytes > TestRunValidation.MaxValuesBytes)
        {
            chart.DroppedValuesBytes = (int)bytes;
            reader = measured;
            return;
        }

        chart.Values = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("a chart's values are an object");
    }
}
