using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Netra.ControllerRuntime;

/// <summary>
/// core/v1 Events about an object, as <c>kubectl describe</c> shows them. As client-go's recorder
/// does, <see cref="Record"/> only queues the Event and a background sender writes it, so a reconcile
/// never waits for (or fails because of) an Event; when the queue is full, new Events are dropped and logged.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private const int Capacity = 1000;

    private readonly IKubernetes _client;
    private readonly string _component;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Corev1Event> _pending = Channel.CreateBounded<Corev1Event>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;

    public EventRecorder(IKubernetes client, string component, ILogger logger, TimeProvider time)
    {
        _client = client;
        _component = component;
        _logger = logger;
        _time = time;
        _sending = SendAsync(_stop.Token);
    }

    public void Record(IKubernetesObject<V1ObjectMeta> about, string type, string reason, string message)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var ns = about.Metadata.NamespaceProperty ?? "default";
        var item = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(about.Metadata.Name, now.Ticks.ToString("x", CultureInfo.InvariantCulture)),
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
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        if (!_pending.Writer.TryWrite(item))
        {
            _logger.LogWarning("Event queue full; dropped event {Reason} for {Namespace}/{Name}", reason, ns, about.Metadata.Name);
        }
    }

    /// <summary>Sends what is queued (for at most a few seconds), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        _stop.CancelAfter(TimeSpan.FromSeconds(5));
        await _sending;
        _stop.Dispose();
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var item in _pending.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await _client.CoreV1.CreateNamespacedEventAsync(
                        item, item.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    _logger.LogWarning(
                        error,
                        "Could not record event {Reason} for {Namespace}/{Name}",
                        item.Reason,
                        item.Metadata.NamespaceProperty,
                        item.InvolvedObject.Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed with Events still queued: they are dropped, as the process is stopping.
        }
    }

    /// <summary><c>&lt;object&gt;.&lt;suffix&gt;</c> within the 253 characters of a name, for objects whose own name is that long.</summary>
    public static string NameFor(string name, string suffix) =>
        $"{name[..Math.Min(name.Length, 252 - suffix.Length)].TrimEnd('-', '.')}.{suffix}";
}
