using Polly.CircuitBreaker;
using Prometheus;

namespace Netra.Agent.Resilience;

/// <summary>
/// The model breaker in <c>/metrics</c>: <c>netra_agent_llm_circuit_state</c> (0 closed, 1 open,
/// 2 half-open) and <c>netra_agent_llm_circuit_transitions_total{state}</c>.
/// </summary>
public sealed class CircuitBreakerMetrics
{
    private readonly Gauge _state;
    private readonly Counter _transitions;

    public CircuitBreakerMetrics(IMetricFactory metrics)
    {
        _state = metrics.CreateGauge("netra_agent_llm_circuit_state", "State of the model circuit breaker: 0 closed, 1 open, 2 half-open.");
        _transitions = metrics.CreateCounter(
            "netra_agent_llm_circuit_transitions_total", "Transitions of the model circuit breaker, by the state entered.", ["state"]);
        _state.Set(GaugeValue(CircuitState.Closed));
    }

    public static double GaugeValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.Open or CircuitState.Isolated => 1,
        CircuitState.HalfOpen => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string LabelOf(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        CircuitState.Isolated => "isolated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public void Entered(CircuitState state)
    {
        _state.Set(GaugeValue(state));
        _transitions.WithLabels(LabelOf(state)).Inc();
    }
}
