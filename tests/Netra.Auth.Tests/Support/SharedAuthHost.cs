namespace Netra.Auth.Tests.Support;

/// <summary>One running service shared by the tests of a class that only read from it (validation attacks).</summary>
public sealed class SharedAuthHost : IAsyncLifetime
{
    private AuthHost? _host;

    public AuthHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await AuthHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
