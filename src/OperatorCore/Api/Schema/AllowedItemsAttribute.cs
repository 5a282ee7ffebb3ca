namespace Netra.Operator.Core.Api.Schema;

/// <summary>
/// The values each item of a list may take (the items' <c>enum</c>): constants, or the strings of a static property or
/// field (<c>[AllowedItems(typeof(ScenarioNames), nameof(ScenarioNames.All))]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AllowedItemsAttribute : Attribute
{
    public AllowedItemsAttribute(params string[] values) => Values = values;

    public AllowedItemsAttribute(Type holder, string member)
    {
        Values = [];
        Holder = holder;
        Member = member;
    }

    public IReadOnlyList<string> Values { get; }

    public Type? Holder { get; }

    public string? Member { get; }
}
