using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// The operator's logs in the services' schema (compact log event format, one JSON object a line): <c>@t</c> the UTC
/// time, <c>@l</c> the level, <c>@m</c> the message, <c>SourceContext</c> the category, <c>@x</c> an exception.
/// Written with no reflection, as the ahead-of-time compiled image needs.
/// </summary>
public sealed class ClefLoggerProvider(TextWriter output, LogLevel minimum, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@t", time.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("@l", level.ToString());
            json.WriteString("@m", message);
            if (exception is not null)
            {
                json.WriteString("@x", exception.ToString());
            }

            json.WriteString("SourceContext", category);
            json.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class Logger(ClefLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }

}
