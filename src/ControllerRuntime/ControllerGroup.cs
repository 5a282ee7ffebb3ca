namespace Netra.ControllerRuntime;

/// <summary>Several controllers run as one: when any of them stops (or fails), the others are stopped too.</summary>
public static class ControllerGroup
{
    public static async Task RunAsync(CancellationToken cancellationToken, params Func<CancellationToken, Task>[] controllers)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = controllers.Select(run => run(stop.Token)).ToList();
        var first = await Task.WhenAny(running);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException) when (!first.IsFaulted)
        {
        }

        await first;
    }
}
