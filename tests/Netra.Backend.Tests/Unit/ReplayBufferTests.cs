using Netra.Backend.Sessions;

namespace Netra.Backend.Tests.Unit;

public sealed class ReplayBufferTests
{
    /// <summary>A buffer of <paramref name="capacity"/> after <paramref name="appended"/> items 1..n, asked for what follows <paramref name="lastSeq"/>.</summary>
    [Theory]
    [InlineData(5, 3, 0, ReplayOutcome.Complete, "1,2,3")]
    [InlineData(5, 3, 1, ReplayOutcome.Complete, "2,3")]
    [InlineData(5, 3, 3, ReplayOutcome.Complete, "")]
    [InlineData(5, 3, 4, ReplayOutcome.Ahead, "")]
    [InlineData(5, 3, -1, ReplayOutcome.Ahead, "")]
    [InlineData(3, 7, 4, ReplayOutcome.Complete, "5,6,7")]
    [InlineData(3, 7, 3, ReplayOutcome.Gap, "")]
    [InlineData(3, 7, 0, ReplayOutcome.Gap, "")]
    [InlineData(1, 2, 1, ReplayOutcome.Complete, "2")]
    [InlineData(4, 0, 0, ReplayOutcome.Complete, "")]
    public void Replays_exactly_what_follows_last_seq_while_it_is_held(int capacity, int appended, long lastSeq, ReplayOutcome expectedOutcome, string expectedItems)
    {
        var buffer = new ReplayBuffer<int>(capacity);
        for (var item = 1; item <= appended; item++)
        {
            Assert.Equal(item, buffer.Append(item));
        }

        var outcome = buffer.TryGetAfter(lastSeq, out var items);

        Assert.Equal(expectedOutcome, outcome);
        Assert.Equal(expectedItems, string.Join(',', items));
    }

    [Fact]
    public void Oldest_seq_moves_once_the_buffer_is_full()
    {
        var buffer = new ReplayBuffer<string>(2);
        buffer.Append("a");
        buffer.Append("b");
        Assert.Equal(1, buffer.OldestSeq);

        buffer.Append("c");

        Assert.Equal(2, buffer.OldestSeq);
        Assert.Equal(3, buffer.NewestSeq);
    }

    [Fact]
    public void Holds_at_most_its_byte_budget_dropping_the_oldest_but_always_the_newest()
    {
        var buffer = new ReplayBuffer<string>(capacity: 100, byteBudget: 10, size: item => item.Length);

        buffer.Append("aaaa");
        buffer.Append("bbbb");
        buffer.Append("cccc");

        Assert.Equal(8, buffer.Bytes);
        Assert.Equal(ReplayOutcome.Gap, buffer.TryGetAfter(0, out _));
        Assert.Equal(ReplayOutcome.Complete, buffer.TryGetAfter(1, out var items));
        Assert.Equal(["bbbb", "cccc"], items);
        buffer.Append(new string('x', 50));
        Assert.Equal(50, buffer.Bytes);
        Assert.Equal(ReplayOutcome.Complete, buffer.TryGetAfter(3, out items));
        Assert.Single(items);
    }
}
