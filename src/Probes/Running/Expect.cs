namespace Netra.Probes.Running;

/// <summary>Checks for probe cases; a failure says what was expected and what came.</summary>
public static class Expect
{
    public static void That(bool condition, string expected, string actual)
    {
        if (!condition)
        {
            throw new ProbeFailedException($"expected {expected}, got {actual}");
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new ProbeFailedException($"expected {what} to be {Show(expected)}, got {Show(actual)}");
        }
    }

    public static T NotNull<T>(T? value, string what)
        where T : class =>
        value ?? throw new ProbeFailedException($"expected {what}, got nothing");

    public static ProbeSkippedException Skip(string reason) => new(reason);

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "null",
    };
}
