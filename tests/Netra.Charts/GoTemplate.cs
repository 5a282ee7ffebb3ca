using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Netra.Charts;

/// <summary>
/// The part of Go's text/template and helm's functions the charts use: actions with trim markers,
/// <c>if</c>/<c>else</c>, <c>with</c>, <c>range</c> (lists, and maps as <c>$key, $value</c>), <c>define</c>,
/// variables declared with <c>:=</c> (scoped to their block), pipelines, and <c>include</c>, <c>quote</c>,
/// <c>default</c>, <c>toYaml</c>, <c>nindent</c>, <c>not</c>, <c>and</c>, <c>or</c>, <c>eq</c>, <c>printf</c>,
/// <c>trunc</c>, <c>trimSuffix</c>, <c>contains</c>, <c>replace</c>, and helm's <c>.Capabilities.APIVersions.Has</c>.
/// Anything else throws, so a template that leaves this subset fails its test rather than being rendered wrongly.
/// Numbers print as Go prints a float64 (1e+06).
/// </summary>
public sealed partial class GoTemplate
{
    private readonly Dictionary<string, List<Node>> _defines = [];

    public void Define(string text) => Parse(text);

    public string Render(string text, JsonNode? root)
    {
        var output = new StringBuilder();
        Execute(Parse(text), new Scope(root, root, []), output);
        return output.ToString();
    }

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ActionNode(string Pipeline) : Node;

    private sealed record DeclarationNode(string Variable, string Pipeline) : Node;

    private sealed record BlockNode(string Keyword, string Pipeline, List<Node> Body, List<Node> Otherwise) : Node;

    private sealed record Scope(JsonNode? Dot, JsonNode? Root, Dictionary<string, JsonNode?> Variables);

    private List<Node> Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var nodes = ParseList(tokens, ref position, out var end);
        return end is null ? nodes : throw new FormatException($"unexpected {{{{{end}}}}}");
    }

    private static List<(bool IsAction, string Text)> Tokenize(string text)
    {
        var tokens = new List<(bool IsAction, string Text)>();
        var last = 0;
        var trimNext = false;
        foreach (Match action in ActionPattern().Matches(text))
        {
            var before = text[last..action.Index];
            before = trimNext ? before.TrimStart() : before;
            tokens.Add((false, action.Groups[1].Value == "-" ? before.TrimEnd() : before));
            tokens.Add((true, action.Groups[2].Value.Trim()));
            trimNext = action.Groups[3].Value == "-";
            last = action.Index + action.Length;
        }

        tokens.Add((false, trimNext ? text[last..].TrimStart() : text[last..]));
        return tokens;
    }

    private List<Node> ParseList(List<(bool IsAction, string Text)> tokens, ref int position, out string? end)
    {
        var nodes = new List<Node>();
        while (position < tokens.Count)
        {
            var (isAction, text) = tokens[position++];
            if (!isAction)
            {
                nodes.Add(new TextNode(text));
                continue;
            }

            var keyword = text.Split(' ', 2)[0];
            var rest = text.Length > keyword.Length ? text[(keyword.Length + 1)..].Trim() : string.Empty;
            switch (keyword)
            {
                case "end" or "else":
                    end = keyword;
                    return nodes;
                case "if" or "with" or "range":
                    var body = ParseList(tokens, ref position, out var closer);
                    var otherwise = closer == "else" ? ParseList(tokens, ref position, out closer) : [];
                    nodes.Add(closer == "end"
                        ? new BlockNode(keyword, rest, body, otherwise)
                        : throw new FormatException($"{keyword} {rest} is not closed"));
                    break;
                case "define":
                    _defines[Unquote(rest)] = ParseList(tokens, ref position, out _);
                    break;
                default:
                    if (DeclarationPattern().Match(text) is { Success: true } declaration)
                    {
                        nodes.Add(new DeclarationNode(declaration.Groups[1].Value, declaration.Groups[2].Value));
                    }
                    else if (!text.StartsWith("/*", StringComparison.Ordinal))
                    {
                        nodes.Add(new ActionNode(text));
                    }

                    break;
            }
        }

        end = null;
        return nodes;
    }

    private void Execute(List<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ActionNode action:
                    output.Append(Print(Evaluate(action.Pipeline, scope)));
                    break;
                case DeclarationNode declaration:
                    scope.Variables[declaration.Variable] = Evaluate(declaration.Pipeline, scope);
                    break;
                case BlockNode { Keyword: "range" } range:
                    ExecuteRange(range, scope, output);
                    break;
                case BlockNode block:
                    ExecuteBlock(block, scope, output);
                    break;
            }
        }
    }

    /// <summary><c>if</c> or <c>with</c>; a variable declared inside the block is gone at its end.</summary>
    private void ExecuteBlock(BlockNode block, Scope scope, StringBuilder output)
    {
        var value = Evaluate(block.Pipeline, scope);
        var inner = scope with { Variables = new Dictionary<string, JsonNode?>(scope.Variables) };
        if (!IsTrue(value))
        {
            Execute(block.Otherwise, inner, output);
        }
        else
        {
            Execute(block.Body, block.Keyword == "with" ? inner with { Dot = value } : inner, output);
        }
    }

    private void ExecuteRange(BlockNode range, Scope scope, StringBuilder output)
    {
        var parts = range.Pipeline.Split(":=", 2);
        var names = parts.Length == 2 ? parts[0].Split(',', StringSplitOptions.TrimEntries) : [];
        var items = Evaluate(parts[^1].Trim(), scope) switch
        {
            JsonArray list => list.Select((item, index) => (Key: (JsonNode?)JsonValue.Create((double)index), Item: item)).ToList(),
            JsonObject map => [.. map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => ((JsonNode?)JsonValue.Create(pair.Key), pair.Value))],
            null => [],
            var other => throw new FormatException($"cannot range over {other}"),
        };
        foreach (var (key, item) in items)
        {
            var variables = new Dictionary<string, JsonNode?>(scope.Variables);
            if (names.Length == 2)
            {
                (variables[names[0]], variables[names[1]]) = (key, item);
            }

            Execute(range.Body, scope with { Dot = item, Variables = variables }, output);
        }
    }

    private JsonNode? Evaluate(string pipeline, Scope scope)
    {
        JsonNode? result = null;
        var first = true;
        foreach (var command in SplitOutside(pipeline, '|'))
        {
            var words = SplitOutside(command, ' ').Where(word => word.Length > 0).ToList();
            var arguments = words.Skip(1).Select(word => Term(word, scope)).ToList();
            if (!first)
            {
                arguments.Add(result);
            }

            result = words.Count == 1 && first ? Term(words[0], scope)
                : words[0].EndsWith(".Has", StringComparison.Ordinal) ? Has(Term(words[0][..^4], scope), arguments[0])
                : Call(words[0], arguments, scope);
            first = false;
        }

        return result;
    }

    private JsonNode? Call(string function, List<JsonNode?> arguments, Scope scope) => function switch
    {
        "include" => JsonValue.Create(Include(Print(arguments[0]), arguments[1], scope)),
        "quote" => JsonValue.Create($"\"{Print(arguments[0]).Replace("\"", "\\\"", StringComparison.Ordinal)}\""),
        "default" => IsTrue(arguments[1]) ? arguments[1] : arguments[0],
        "toYaml" => JsonValue.Create(YamlNodes.ToYaml(arguments[0])),
        "nindent" => JsonValue.Create("\n" + Indent(Print(arguments[1]), (int)arguments[0]!.GetValue<double>())),
        "not" => JsonValue.Create(!IsTrue(arguments[0])),
        "and" => arguments.FirstOrDefault(argument => !IsTrue(argument), arguments[^1]),
        "or" => arguments.FirstOrDefault(IsTrue, arguments[^1]),
        "printf" => JsonValue.Create(Printf(Print(arguments[0]), arguments.Skip(1))),
        "eq" => JsonValue.Create(Print(arguments[0]) == Print(arguments[1])),
        "trunc" => JsonValue.Create(Truncate(Print(arguments[1]), (int)arguments[0]!.GetValue<double>())),
        "trimSuffix" => JsonValue.Create(TrimSuffix(Print(arguments[1]), Print(arguments[0]))),
        "contains" => JsonValue.Create(Print(arguments[1]).Contains(Print(arguments[0]), StringComparison.Ordinal)),
        "replace" => JsonValue.Create(Print(arguments[2]).Replace(Print(arguments[0]), Print(arguments[1]), StringComparison.Ordinal)),
        _ => throw new NotSupportedException($"template function {function}"),
    };

    /// <summary>Helm's <c>.Capabilities.APIVersions.Has</c>: whether the cluster serves a group/version (or group/version/kind).</summary>
    private static JsonValue Has(JsonNode? versions, JsonNode? wanted) =>
        JsonValue.Create(versions is JsonArray list && list.Any(version => Print(version) == Print(wanted)));

    private string Include(string name, JsonNode? dot, Scope scope)
    {
        var output = new StringBuilder();
        Execute(_defines[name], new Scope(dot, dot, []), output);
        return output.ToString();
    }

    private JsonNode? Term(string word, Scope scope) => word switch
    {
        ['"', .., '"'] => JsonValue.Create(Unquote(word)),
        ['(', .., ')'] => Evaluate(word[1..^1], scope),
        "." => scope.Dot,
        ['$', '.', ..] => Path(scope.Root, word[2..]),
        "$" => scope.Root,
        ['$', ..] => scope.Variables[word],
        ['.', ..] => Path(scope.Dot, word[1..]),
        _ when double.TryParse(word, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => throw new NotSupportedException($"template term {word}"),
    };

    private static JsonNode? Path(JsonNode? node, string path) =>
        path.Split('.').Aggregate(node, (current, key) => current is JsonObject map ? map[key] : null);

    private static bool IsTrue(JsonNode? value) => value switch
    {
        null => false,
        JsonObject map => map.Count > 0,
        JsonArray list => list.Count > 0,
        JsonValue scalar when scalar.TryGetValue<bool>(out var flag) => flag,
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text.Length > 0,
        JsonValue scalar => scalar.GetValue<double>() != 0,
        _ => true,
    };

    /// <summary>As Go's <c>%v</c> prints helm's values: numbers are float64, so 1000000 prints as 1e+06.</summary>
    private static string Print(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        JsonValue scalar when scalar.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue scalar => GoFloat(scalar.GetValue<double>()),
        _ => YamlNodes.ToYaml(value),
    };

    private static string GoFloat(double number)
    {
        var exponent = number == 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(number)));
        if (exponent is >= -4 and < 21 && (exponent < 6 || number != Math.Floor(number)))
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }

        var mantissa = (number / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    /// <summary>Sprig's <c>trunc</c>: the first <paramref name="length"/> characters, or with a negative length the last ones.</summary>
    private static string Truncate(string text, int length) => length switch
    {
        < 0 when text.Length + length > 0 => text[(text.Length + length)..],
        >= 0 when text.Length > length => text[..length],
        _ => text,
    };

    private static string TrimSuffix(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', spaces) + line));

    private static string Printf(string format, IEnumerable<JsonNode?> arguments) =>
        arguments.Aggregate(format, (text, argument) => ReplaceFirst(text, "%s", Print(argument)));

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? throw new FormatException($"printf: no {what} left in {text}") : text[..at] + with + text[(at + what.Length)..];
    }

    private static string Unquote(string word) => word.Trim()[1..^1];

    private static List<string> SplitOutside(string text, char separator)
    {
        var parts = new List<string>();
        var (depth, quoted, start) = (0, false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            (depth, quoted) = text[i] switch
            {
                '"' => (depth, !quoted),
                '(' when !quoted => (depth + 1, quoted),
                ')' when !quoted => (depth - 1, quoted),
                _ => (depth, quoted),
            };
            if (text[i] == separator && depth == 0 && !quoted)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    [GeneratedRegex(@"\{\{(-?)\s*(.*?)\s*(-?)\}\}", RegexOptions.Singleline)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^(\$\w+)\s*:=\s*(.+)$", RegexOptions.Singleline)]
    private static partial Regex DeclarationPattern();
}
