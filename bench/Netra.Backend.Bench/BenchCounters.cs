namespace Netra.Backend.Bench;

/// <summary>What all clients received, counted across threads.</summary>
public sealed class BenchCounters
{
    private long _frames;
    private long _completed;
    private long _failed;

    public long Frames => Interlocked.Read(ref _frames);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public void Reset()
    {
        Interlocked.Exchange(ref _frames, 0);
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _failed, 0);
    }

    public void AddFrame() => Interlocked.Increment(ref _frames);

    public void AddCompleted() => Interlocked.Increment(ref _completed);

    public void AddFailed() => Interlocked.Increment(ref _failed);
}
