namespace Netra.Bench;

/// <summary>Latency samples in milliseconds, sorted, with nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly double[] _sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds.Order()];
    }

    public int Count => _sorted.Length;

    /// <summary>The <paramref name="quantile"/> (0..1) by nearest rank; 0 when there is no sample (JSON has no NaN).</summary>
    public double Percentile(double quantile) =>
        _sorted.Length == 0 ? 0 : _sorted[Math.Clamp((int)Math.Ceiling(quantile * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? 0 : _sorted[^1];
}
