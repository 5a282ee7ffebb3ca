using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Netra.Backend.Threads;

namespace Netra.Backend.AgentRuns;

/// <summary>
/// Before the backend serves, leaves a message in the thread of every run the previous process was relaying when it
/// stopped or crashed, so a user reading the thread sees the run ended without an answer.
/// </summary>
public sealed class InterruptedRunMarker(ThreadStore threads, ILogger<InterruptedRunMarker> logger) : IHostedService
{
    public const string Marker = "The run was interrupted: the backend stopped before the agent finished. Send the message again to retry.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var marked = await threads.MarkInterruptedRunsAsync(Marker, cancellationToken);
        if (marked > 0)
        {
            logger.LogWarning("Marked {Count} agent runs interrupted by the previous stop", marked);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
