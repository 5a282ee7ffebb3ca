using Microsoft.Extensions.Options;
using Netra.Agent.Faults;
using Netra.Agent.Llm;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Netra.Agent.Resilience;

/// <summary>
/// The model behind one Polly pipeline shared by every run: retry with jittered exponential backoff,
/// then the circuit breaker, then a per-attempt timeout. Injected model faults happen inside the
/// pipeline, so they are retried, time out and trip the breaker exactly as real ones do.
/// </summary>
public sealed class ResilientLlm
{
    private readonly ILlmProvider _provider;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();

    public ResilientLlm(
        ILlmProvider provider,
        IOptions<LlmOptions> llm,
        IOptions<RetryOptions> retry,
        IOptions<CircuitBreakerOptions> breaker,
        CircuitBreakerMetrics metrics)
    {
        _provider = provider;
        var handled = new PredicateBuilder()
            .Handle<LlmProviderException>(e => e.IsTransient)
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder();
        if (retry.Value.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = retry.Value.MaxRetryAttempts,
                Delay = retry.Value.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                MinimumThroughput = breaker.Value.MinimumThroughput,
                FailureRatio = breaker.Value.FailureRatio,
                SamplingDuration = breaker.Value.SamplingDuration,
                BreakDuration = breaker.Value.BreakDuration,
                StateProvider = _breaker,
                OnOpened = _ => Entered(metrics, CircuitState.Open),
                OnHalfOpened = _ => Entered(metrics, CircuitState.HalfOpen),
                OnClosed = _ => Entered(metrics, CircuitState.Closed),
            })
            .AddTimeout(llm.Value.EffectiveTimeout)
            .Build();
    }

    public CircuitState BreakerState => _breaker.CircuitState;

    /// <summary>One model call of a run; takes a step of the run's budget first.</summary>
    public async Task<LlmCompletion> CompleteAsync(LlmRequest request, RunFaults faults, CancellationToken cancellationToken)
    {
        faults.TakeStep();
        return await _pipeline.ExecuteAsync(
            async attemptToken =>
            {
                await InjectAsync(faults, attemptToken);
                return await _provider.CompleteAsync(request, attemptToken);
            },
            cancellationToken);
    }

    private static async Task InjectAsync(RunFaults faults, CancellationToken attemptToken)
    {
        if (faults.TryConsume(FaultKind.LlmFailure))
        {
            throw new LlmProviderException("Injected model failure.", isTransient: true);
        }

        if (faults.TryConsume(FaultKind.LlmTimeout))
        {
            // Hangs until the pipeline's timeout (or the run's cancellation) gives up on this attempt.
            await Task.Delay(Timeout.InfiniteTimeSpan, attemptToken);
        }
    }

    private static ValueTask Entered(CircuitBreakerMetrics metrics, CircuitState state)
    {
        metrics.Entered(state);
        return ValueTask.CompletedTask;
    }
}
