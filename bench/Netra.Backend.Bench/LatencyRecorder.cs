namespace Netra.Backend.Bench;

/// <summary>Latencies from the agent's event timestamp to the client's receipt of the frame.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<double> _milliseconds = [];

    public bool Recording { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Record(double milliseconds)
    {
        if (!Recording)
        {
            return;
        }

        lock (_gate)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    /// <summary>The <paramref name="quantile"/> (0..1) by nearest rank; NaN when nothing was recorded.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            _milliseconds.Sort();
            var rank = (int)Math.Ceiling(quantile * _milliseconds.Count) - 1;
            return _milliseconds[Math.Clamp(rank, 0, _milliseconds.Count - 1)];
        }
    }
}
