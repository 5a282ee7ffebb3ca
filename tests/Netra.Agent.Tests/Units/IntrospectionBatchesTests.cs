using Netra.Agent.Auth;

namespace Netra.Agent.Tests.Units;

/// <summary>
/// The introspection calls of one token, each held open by the test: which requests share which call, and that none is
/// answered by a call that began before it arrived.
/// </summary>
public sealed class IntrospectionBatchesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_alone_gets_a_call_of_its_own()
    {
        var auth = new HeldCalls();
        var batches = new IntrospectionBatches(auth.CallAsync);

        var answer = batches.IsActiveAsync("token", CancellationToken.None);
        (await auth.NextCallAsync()).SetResult(true);

        Assert.True(await answer.WaitAsync(Deadline));
        Assert.Equal(1, auth.Calls);
    }

    [Fact]
    public async Task Requests_that_arrive_during_a_call_share_the_next_one_never_the_call_under_way()
    {
        var auth = new HeldCalls();
        var batches = new IntrospectionBatches(auth.CallAsync);
        var first = batches.IsActiveAsync("token", CancellationToken.None);
        var underWay = await auth.NextCallAsync();

        var later = Enumerable.Range(0, 5).Select(_ => batches.IsActiveAsync("token", CancellationToken.None)).ToList();
        // Active when the first call began, revoked before the later requests arrived: only the next call can know.
        underWay.SetResult(true);
        Assert.True(await first.WaitAsync(Deadline));
        Assert.All(later, answer => Assert.False(answer.IsCompleted));
        (await auth.NextCallAsync()).SetResult(false);

        Assert.All(await Task.WhenAll(later).WaitAsync(Deadline), Assert.False);
        Assert.Equal(2, auth.Calls);
    }

    [Fact]
    public async Task Different_tokens_never_share_a_call()
    {
        var auth = new HeldCalls();
        var batches = new IntrospectionBatches(auth.CallAsync);

        var one = batches.IsActiveAsync("one", CancellationToken.None);
        var other = batches.IsActiveAsync("other", CancellationToken.None);
        (await auth.NextCallAsync()).SetResult(true);
        (await auth.NextCallAsync()).SetResult(true);

        Assert.True(await one.WaitAsync(Deadline));
        Assert.True(await other.WaitAsync(Deadline));
        Assert.Equal(2, auth.Calls);
    }

    [Fact]
    public async Task A_failed_call_fails_each_of_its_requests_and_the_next_request_calls_again()
    {
        var auth = new HeldCalls();
        var batches = new IntrospectionBatches(auth.CallAsync);
        var first = batches.IsActiveAsync("token", CancellationToken.None);
        (await auth.NextCallAsync()).SetException(new AuthServiceUnavailableException("down", new HttpRequestException()));

        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => first.WaitAsync(Deadline));
        var again = batches.IsActiveAsync("token", CancellationToken.None);
        (await auth.NextCallAsync()).SetResult(true);

        Assert.True(await again.WaitAsync(Deadline));
        Assert.Equal(2, auth.Calls);
    }

    [Fact]
    public async Task A_request_that_leaves_stops_waiting_without_cancelling_the_call_of_the_others()
    {
        var auth = new HeldCalls();
        var batches = new IntrospectionBatches(auth.CallAsync);
        using var leaving = new CancellationTokenSource();
        var staying = batches.IsActiveAsync("token", CancellationToken.None);
        var left = batches.IsActiveAsync("token", leaving.Token);
        var call = await auth.NextCallAsync();

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left.WaitAsync(Deadline));
        call.SetResult(true);

        Assert.True(await staying.WaitAsync(Deadline));
    }

    /// <summary>The auth service's introspection, each call answered when the test says.</summary>
    private sealed class HeldCalls
    {
        private readonly System.Threading.Channels.Channel<TaskCompletionSource<bool>> _calls =
            System.Threading.Channels.Channel.CreateUnbounded<TaskCompletionSource<bool>>();

        private int _count;

        public int Calls => Volatile.Read(ref _count);

        public Task<bool> CallAsync(string token)
        {
            Interlocked.Increment(ref _count);
            var call = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _calls.Writer.TryWrite(call);
            return call.Task;
        }

        public async Task<TaskCompletionSource<bool>> NextCallAsync()
        {
            using var deadline = new CancellationTokenSource(Deadline);
            return await _calls.Reader.ReadAsync(deadline.Token);
        }
    }
}
