using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Netra.Auth.Accounts;
using Netra.Auth.ClientCredentials;
using Netra.Auth.Configuration;
using Netra.Auth.Discovery;
using Netra.Auth.Keys;
using Netra.Auth.Login;
using Netra.Auth.Observability;
using Netra.Auth.Problems;
using Netra.Auth.Sessions;
using Netra.Auth.Storage;
using Netra.Auth.Throttling;
using Netra.Auth.Tokens;
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

        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        builder.Services.AddSingleton<AuthMetrics>();
        builder.Services.AddSingleton<AccountDirectory>();
        builder.Services.AddSingleton<AuthDatabase>();
        builder.Services.AddSingleton<SigningKeyRepository>();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<RefreshTokenStore>();
        builder.Services.AddSingleton<RevocationList>();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<AccessTokenValidator>();
        builder.Services.AddSingleton<SessionService>();
        builder.Services.AddSingleton<CredentialThrottle>();
        builder.Services.AddLoginAttemptsRateLimiting();

        // Started in this order, before Kestrel serves: schema and revocations, then signing keys.
        builder.Services.AddHostedService<StoreInitializer>();
        builder.Services.AddHostedService<KeyRotationService>();
        builder.Services.AddHostedService<SessionPurgeService>();

        builder.Services.AddHealthChecks().AddCheck<AuthDatabaseHealthCheck>("sqlite", tags: [ServiceDefaultsExtensions.ReadyTag]);

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
