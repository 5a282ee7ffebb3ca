using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// The <c>summary</c> of each API type and property, from the documentation file the compiler writes next to the
/// assembly, as one line of plain text: <c>&lt;c&gt;x&lt;/c&gt;</c> reads x, a <c>see</c> reads the name it points at.
/// </summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> _summaries;

    /// <param name="documentation">A documentation file as the compiler writes it.</param>
    public XmlDocs(XDocument documentation) =>
        _summaries = documentation.Descendants("member")
            .Where(member => member.Element("summary") is not null)
            .ToDictionary(member => (string)member.Attribute("name")!, member => PlainText(member.Element("summary")!));

    public static XmlDocs For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        return File.Exists(path)
            ? new XmlDocs(XDocument.Load(path))
            : throw new FileNotFoundException($"{path} is missing: the API's descriptions come from it (GenerateDocumentationFile).", path);
    }

    public string? Of(Type type) => _summaries.GetValueOrDefault("T:" + Name(type));

    public string? Of(MemberInfo property) => _summaries.GetValueOrDefault($"P:{Name(property.DeclaringType!)}.{property.Name}");

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    private static string PlainText(XElement summary)
    {
        var text = string.Concat(summary.Nodes().Select(node => node switch
        {
            XText plain => plain.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => Referenced(see),
            XElement element => element.Value,
            _ => string.Empty,
        }));
        return Whitespace().Replace(text, " ").Trim();
    }

    private static string Referenced(XElement see) =>
        (string?)see.Attribute("langword") ?? ((string?)see.Attribute("cref"))?.Split('.', ':')[^1] ?? see.Value;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
