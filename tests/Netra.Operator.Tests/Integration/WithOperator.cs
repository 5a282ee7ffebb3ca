using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// A test class whose tests each get an operator of their own, in this process, as the chart's service account with
/// a Lease of its own: started before the test, stopped after it.
/// </summary>
public abstract class WithOperator(OperatorTestBedFixture bed, string name, ControllerSettings? settings = null)
    : IClassFixture<OperatorTestBedFixture>, IAsyncLifetime
{
    private OperatorHost? _operator;

    protected OperatorTestBedFixture Bed { get; } = bed;

    protected OperatorHost Operator => _operator ?? throw new InvalidOperationException("The operator starts before each test.");

    public Task InitializeAsync()
    {
        _operator = Bed.StartOperator($"{name}-{Guid.NewGuid():N}"[..20], name, settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }
    }
}
