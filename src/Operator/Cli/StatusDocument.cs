using System.Text.Json.Serialization;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Cli;

/// <summary>The final status as <c>run</c> prints it: <c>status:</c> and the TestRun's status, as YAML or JSON, never wrapped.</summary>
public static class StatusDocument
{
    public static string Serialize(TestRunStatus status, string format)
    {
        var document = new Document(status);
        return format == "json" ? KubernetesJson.Serialize(document) + Environment.NewLine : KubernetesYaml.Serialize(document);
    }

    private sealed record Document([property: JsonPropertyName("status")] TestRunStatus Status);
}
