namespace Netra.Operator.Core.Api.Schema;

/// <summary>A list of distinct scalars that server-side apply merges as a set (<c>x-kubernetes-list-type: set</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;

/// <summary>
/// A list of objects that server-side apply merges by the given keys, as a map (<c>x-kubernetes-list-type: map</c>
/// and <c>x-kubernetes-list-map-keys</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
