using Microsoft.Extensions.Options;

namespace Netra.Agent.Auth;

public static class ServiceTokenServices
{
    /// <summary>Service token validation against the auth service at <c>Services:AuthUrl</c>.</summary>
    public static IServiceCollection AddServiceTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceTokenOptions>()
            .Bind(configuration.GetSection(ServiceTokenOptions.Section))
            .Configure(options =>
            {
                options.Issuer = configuration["Auth:Issuer"] ?? options.Issuer;
                options.AuthUrl = configuration.GetValue<Uri?>("Services:AuthUrl");
            })
            .Validate(
                options => options.AuthUrl is { IsAbsoluteUri: true },
                "Services:AuthUrl must be the auth service's absolute base URL.")
            .ValidateOnStart();
        services.AddHttpClient(AuthServiceClient.HttpClientName, (provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<ServiceTokenOptions>>().Value.AuthUrl;
            http.Timeout = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<AuthServiceClient>();
        services.AddSingleton<JwksCache>();
        services.AddSingleton<RevocationCheck>();
        services.AddSingleton<ServiceTokenValidator>();
        return services;
    }
}
