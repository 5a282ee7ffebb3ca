namespace Netra.Operator.Core.Api.Schema;

/// <summary>The fewest items a list may hold (<c>minItems</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>The most items a list may hold (<c>maxItems</c>): what bounds the object's size in etcd.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>The most keys a map may hold (<c>maxProperties</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxPropertiesAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>The longest text each item of a list may be (<c>items.maxLength</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
