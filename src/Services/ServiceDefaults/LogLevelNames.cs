using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Netra.ServiceDefaults;

/// <summary>
/// Log levels are named as .NET names them everywhere in Netra (Trace, Debug, Information, Warning, Error, Critical: the
/// operator, every chart's <c>logLevel</c>); Serilog calls two of them Verbose and Fatal. A service given the .NET name
/// in <c>Serilog:MinimumLevel:Default</c> reads it as Serilog's; Serilog's own names keep working.
/// </summary>
public static class LogLevelNames
{
    public const string Key = "Serilog:MinimumLevel:Default";

    private static readonly Dictionary<string, string> SerilogNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Trace"] = "Verbose",
        ["Critical"] = "Fatal",
    };

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "Trace", "Verbose", "Debug", "Information", "Warning", "Error", "Critical", "Fatal",
    };

    /// <summary>
    /// The configuration with the minimum level in Serilog's words, over whatever source named it; a level that is
    /// neither .NET's nor Serilog's is refused naming the setting (Serilog would stop the start with a stack trace).
    /// </summary>
    public static void UseSerilogNames(IConfigurationManager configuration)
    {
        if (configuration[Key] is not { } level)
        {
            return;
        }

        if (!Known.Contains(level))
        {
            throw new OptionsValidationException(
                Key, typeof(string), [$"{Key} is not a log level: Trace, Debug, Information, Warning, Error or Critical."]);
        }

        if (SerilogNames.TryGetValue(level, out var serilog))
        {
            configuration.AddInMemoryCollection([new(Key, serilog)]);
        }
    }
}
