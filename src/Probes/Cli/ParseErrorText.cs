using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Netra.Probes.Cli;

/// <summary>
/// A command line that does not parse, in words: System.CommandLine's messages name .NET types ("as expected type
/// 'System.Int32'"), which no user of netra-probes or netra-operator should have to read.
/// </summary>
public static partial class ParseErrorText
{
    public static string Of(IEnumerable<ParseError> errors, string separator) =>
        string.Join(separator, errors.Select(e => Plain(e.Message)));

    public static string Plain(string message) => ExpectedType().Replace(
        string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        match => $"as {Kind(match.Groups["type"].Value)}");

    private static string Kind(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration",
        "System.IO.FileInfo" => "a file path",
        "System.Uri" => "a URL",
        _ => "a value of the right kind",
    };

    [GeneratedRegex(@"as expected type '(?<type>[^']+)'")]
    private static partial Regex ExpectedType();
}
