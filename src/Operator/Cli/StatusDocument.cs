using System.CommandLine;
using System.Text.Json.Serialization;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Cli;

/// <summary>The final status as <c>run</c> prints it: <c>status:</c> and the TestRun's status, as YAML or JSON, never wrapped.</summary>
public static class StatusDocument
{
    /// <summary><c>-o yaml|json</c>: how the final status is printed.</summary>
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--output", "-o")
        {
            Description = "How the final status is printed: yaml or json.",
            DefaultValueFactory = _ => "yaml",
        };
        format.AcceptOnlyFromAmong("yaml", "json");
        return format;
    }

    public static string Serialize(TestRunStatus status, string format)
    {
        var document = new Document(status);
        // Ends its last line, as a terminal or a `| tee` expects; the YAML serializer leaves it open.
        var text = format == "json" ? KubernetesJson.Serialize(document) : KubernetesYaml.Serialize(document);
        return text.TrimEnd() + Environment.NewLine;
    }

    private sealed record Document([property: JsonPropertyName("status")] TestRunStatus Status);
}
