namespace Netra.Auth.Keys;

public static class SigningKeyServices
{
    /// <summary>The signing keys (<c>Auth:SigningKeyPath</c>, or keys kept in SQLite that rotate).</summary>
    public static IServiceCollection AddSigningKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<SigningKeyRepository>();
        services.AddSingleton<SigningKeyRing>();
        services.AddHostedService<KeyRotationService>();
        return services;
    }
}
