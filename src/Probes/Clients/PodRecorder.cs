using Netra.Probes.Evidence;

namespace Netra.Probes.Clients;

/// <summary>
/// Keeps the pod each answer names (<see cref="AnsweringPods.Header"/>) for the scenario that sent the request
/// (<see cref="AnsweringPods.Current"/>), whichever client or case sent it.
/// </summary>
public sealed class PodRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (AnsweringPods.Current is { } answering && response.Headers.TryGetValues(AnsweringPods.Header, out var pods))
        {
            answering.Record(request.RequestUri!, pods);
        }

        return response;
    }
}
