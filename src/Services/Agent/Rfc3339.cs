using System.Globalization;

namespace Netra.Agent;

/// <summary>The one time format of the wire contract: RFC 3339, UTC, millisecond precision.</summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
