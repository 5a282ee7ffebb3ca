using Netra.Auth.ClientCredentials;
using Netra.Auth.Configuration;
using Netra.Auth.Discovery;
using Netra.Auth.Keys;
using Netra.Auth.Login;
using Netra.Auth.Observability;
using Netra.Auth.Sessions;
using Netra.Auth.Storage;
using Netra.Auth.Validation;
using Netra.ServiceDefaults;

namespace Netra.Auth;

/// <summary>The auth service: issues, refreshes, revokes and validates tokens; publishes its JWKS.</summary>
public static class AuthApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("auth");

        // Hosted services start in this order, before Kestrel serves: schema and revocations, then signing keys.
        builder.Services
            .AddAuthOptions(builder.Configuration)
            .AddAuthMetrics(builder.Configuration)
            .AddAuthStorage(builder.Configuration)
            .AddSigningKeys(builder.Configuration)
            .AddSessions(builder.Configuration)
            .AddLogin(builder.Configuration);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseRateLimiter();

        app.MapLoginApi();
        app.MapTokenApi();
        app.MapValidationApi();
        app.MapDiscoveryApi();
        return app;
    }
}
