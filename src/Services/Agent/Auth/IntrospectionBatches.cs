using System.Collections.Concurrent;

namespace Netra.Agent.Auth;

/// <summary>
/// Requests that present the same token at once share its introspection calls, as a database shares a commit: a request
/// never takes the answer of a call that began before it arrived (a revocation just before it would be missed), so one that
/// finds a call under way waits for the next, which it shares with everyone else who arrived meanwhile. A revocation is
/// therefore honoured for every request after it, as with a call per request, while a busy client (the backend sends all its
/// runs with one service token) costs the auth service about one call at a time instead of one per run.
/// </summary>
public sealed class IntrospectionBatches(Func<string, Task<bool>> introspect)
{
    private readonly ConcurrentDictionary<string, TokenCalls> _byToken = new(StringComparer.Ordinal);

    /// <summary>Whether the token is active, from a call that began after this request arrived.</summary>
    public Task<bool> IsActiveAsync(string token, CancellationToken cancellationToken)
    {
        while (true)
        {
            var calls = _byToken.GetOrAdd(token, static _ => new TokenCalls());
            if (calls.TryJoin(out var answer, out var startNow))
            {
                if (startNow)
                {
                    _ = RunAsync(token, calls, answer);
                }

                return answer.Task.WaitAsync(cancellationToken);
            }

            // The entry was retired between the look-up and the join: take a fresh one.
            _byToken.TryRemove(KeyValuePair.Create(token, calls));
        }
    }

    /// <summary>Makes the call of a batch; when it ends, the call of the batch that gathered meanwhile, until none did.</summary>
    private async Task RunAsync(string token, TokenCalls calls, TaskCompletionSource<bool> first)
    {
        for (var batch = first; batch is not null; batch = calls.NextOrRetire())
        {
            try
            {
                // The batch's call is not any one request's: a request that leaves stops waiting, not the others' answer.
                batch.SetResult(await introspect(token));
            }
#pragma warning disable CA1031 // The batch's requests each receive the failure, as each would from a call of its own.
            catch (Exception error)
#pragma warning restore CA1031
            {
                batch.SetException(error);
            }
        }

        _byToken.TryRemove(KeyValuePair.Create(token, calls));
    }

    /// <summary>One token's call under way, and the batch waiting for it to end.</summary>
    private sealed class TokenCalls
    {
        private readonly Lock _lock = new();
        private bool _running;
        private bool _retired;
        private TaskCompletionSource<bool>? _next;

        public bool TryJoin(out TaskCompletionSource<bool> answer, out bool startNow)
        {
            lock (_lock)
            {
                answer = null!;
                startNow = false;
                if (_retired)
                {
                    return false;
                }

                if (!_running)
                {
                    _running = startNow = true;
                    answer = NewBatch();
                    return true;
                }

                answer = _next ??= NewBatch();
                return true;
            }
        }

        /// <summary>The batch to call for next, or null once nothing waits (the entry is then retired for good).</summary>
        public TaskCompletionSource<bool>? NextOrRetire()
        {
            lock (_lock)
            {
                var next = _next;
                _next = null;
                _running = next is not null;
                _retired = next is null;
                return next;
            }
        }

        private static TaskCompletionSource<bool> NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
