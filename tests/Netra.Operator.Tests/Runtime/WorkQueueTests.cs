using Microsoft.Extensions.Time.Testing;
using Netra.ControllerRuntime;

namespace Netra.Operator.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_key_waits_in_the_queue_once()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System);

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None).WaitAsync(Soon));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None).WaitAsync(Soon));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_key_added_while_processed_comes_back_after_done_and_never_twice_at_once()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System);
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None).WaitAsync(Soon);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Depth);
        var second = queue.TakeAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        queue.Done(key);

        Assert.Equal("a", await second.WaitAsync(Soon));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_delayed_add_arrives_when_its_time_has_come()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("later", TimeSpan.FromSeconds(30));
        var taken = queue.TakeAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(taken.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("later", await taken.WaitAsync(Soon));
    }

    [Fact]
    public void Failures_back_off_exponentially_per_key_until_forgotten()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider(), new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

        var delays = Enumerable.Range(0, 6).Select(_ => queue.AddRateLimited("a").TotalMilliseconds).ToList();
        var other = queue.AddRateLimited("b");
        queue.Forget("a");

        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(100), other);
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(1, queue.Failures("b"));
    }

    [Fact]
    public async Task Shutting_down_cancels_waiting_takers_and_drops_new_keys()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System);
        var taken = queue.TakeAsync(CancellationToken.None);

        queue.ShutDown();
        queue.Add("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taken.WaitAsync(Soon));
        Assert.Equal(0, queue.Depth);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(10, 51_200)]
    [InlineData(13, 300_000)]
    [InlineData(int.MaxValue, 300_000)]
    public void Backoff_doubles_from_the_base_up_to_the_cap(int failures, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ExponentialBackoff.Default.DelayAfter(failures));
}
