namespace Netra.Operator.Core.Api.Schema;

/// <summary>
/// The value the API server fills in when the field is absent (the CRD schema's <c>default</c>): a constant, or
/// the value of a static property or field (<c>[Default(typeof(TestRunDefaults), nameof(TestRunDefaults.Scenarios))]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute : Attribute
{
    public DefaultAttribute(object value) => Value = value;

    public DefaultAttribute(Type holder, string member)
    {
        Holder = holder;
        Member = member;
    }

    public object? Value { get; }

    public Type? Holder { get; }

    public string? Member { get; }
}

/// <summary>An absent object is filled in as <c>{}</c>, so that the defaults of its fields apply.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultEmptyAttribute : Attribute;
