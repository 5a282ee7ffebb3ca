using System.Text.Json.Serialization;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>A page of a custom resource's list, its items read straight into <typeparamref name="T"/>.</summary>
public sealed class CustomObjectList<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
