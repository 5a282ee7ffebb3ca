using Microsoft.Extensions.Options;

namespace Netra.Auth.Configuration;

public static class AuthOptionsServices
{
    /// <summary>The <c>Auth</c> section, validated at start by <see cref="AuthOptionsValidator"/>.</summary>
    public static IServiceCollection AddAuthOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        return services;
    }
}
