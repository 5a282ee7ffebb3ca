namespace Netra.Operator.Core.Api.Schema;

/// <summary>
/// The values a string may take (its <c>enum</c>), from the strings of a static property or field
/// (<c>[AllowedValuesOf(typeof(ScenarioNames), nameof(ScenarioNames.All))]</c>), where the values are not constants.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AllowedValuesOfAttribute(Type holder, string member) : Attribute
{
    public Type Holder { get; } = holder;

    public string Member { get; } = member;
}
