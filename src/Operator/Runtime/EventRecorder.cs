using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Netra.Operator.Runtime;

/// <summary>core/v1 Events about an object, as <c>kubectl describe</c> shows them. Recording never fails a reconcile.</summary>
public sealed class EventRecorder(IKubernetes client, string component, ILogger logger, TimeProvider time)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> about, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ns = about.Metadata.NamespaceProperty ?? "default";
        var item = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{about.Metadata.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}",
                NamespaceProperty = ns,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = about.ApiVersion,
                Kind = about.Kind,
                Name = about.Metadata.Name,
                NamespaceProperty = ns,
                Uid = about.Metadata.Uid,
                ResourceVersion = about.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(item, ns, cancellationToken: cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not record event {Reason} for {Namespace}/{Name}", reason, ns, about.Metadata.Name);
        }
    }
}
