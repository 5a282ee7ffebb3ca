namespace Netra.Operator.Tests.Integration;

/// <summary>An <see cref="OperatorTestBed"/> shared by one test class: started before its tests, stopped after.</summary>
public sealed class OperatorTestBedFixture : OperatorTestBed, IAsyncLifetime
{
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
