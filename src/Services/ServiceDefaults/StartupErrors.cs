using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Netra.ServiceDefaults;

/// <summary>
/// A service that cannot start because of its configuration says so in one line naming the setting, never with an
/// exception type or stack: on its standard error when run alone (exit 1), and in the local run's deploy message.
/// Setting values are not echoed: one might be a secret.
/// </summary>
public static partial class StartupErrors
{
    /// <summary>Runs the service built by <paramref name="create"/>; a configuration error is one line and exit code 1.</summary>
    public static async Task<int> RunAsync(string service, Func<WebApplication> create)
    {
        try
        {
            await create().RunAsync();
            return 0;
        }
        catch (Exception error) when (Describe(error) is { } problem)
        {
            await Console.Error.WriteLineAsync($"netra-{service}: {problem}");
            return 1;
        }
    }

    /// <summary>Why a service could not start, naming the setting; null when the failure is not its configuration's.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match =>
            $"{match.Groups["key"].Value} is not {Expected(match.Groups["type"].Value)}.",
        _ => null,
    };

    private static string Expected(string type) => type switch
    {
        "System.TimeSpan" => "a time span such as 00:15:00",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        "System.Uri" => "a URL",
        _ when type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) => Expected(type["System.Nullable`1[".Length..^1]),
        _ => "a value of the expected kind",
    };

    // Microsoft.Extensions.Configuration.Binder's message for a value it cannot convert.
    [GeneratedRegex(@"^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
