namespace Netra.Backend.Auth;

public static class UserAuthServices
{
    /// <summary>User token validation against the auth service, and the backend's own service token.</summary>
    public static IServiceCollection AddUserAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<AuthIntrospectionClient>();
        services.AddSingleton<UserTokenValidator>();
        services.AddSingleton<ServiceTokenProvider>();
        return services;
    }
}
