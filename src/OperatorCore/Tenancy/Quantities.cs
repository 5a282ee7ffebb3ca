using k8s.Models;

namespace Netra.Operator.Core.Tenancy;

/// <summary>Resource quantities (<c>500m</c>, <c>2Gi</c>) a tenant writes, against a maximum the installer set.</summary>
public static class Quantities
{
    /// <summary>Null when <paramref name="text"/> is a quantity of at most <paramref name="most"/>; else what is wrong, as a sentence end.</summary>
    public static string? AtMost(string? text, string most)
    {
        if (text is not { Length: > 0 and <= 64 })
        {
            return "must be a quantity such as 500m or 1Gi.";
        }

        try
        {
            return new ResourceQuantity(text).ToDecimal() <= new ResourceQuantity(most).ToDecimal()
                ? null
                : $"{text} is more than the operator allows ({most}).";
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return $"'{text}' is not a quantity such as 500m or 1Gi.";
        }
    }
}
