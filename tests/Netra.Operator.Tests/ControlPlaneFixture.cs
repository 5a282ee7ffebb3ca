namespace Netra.Operator.Tests;

/// <summary>A <see cref="ControlPlane"/> shared by one test class: started before its tests, stopped after.</summary>
public sealed class ControlPlaneFixture : ControlPlane, IAsyncLifetime
{
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
