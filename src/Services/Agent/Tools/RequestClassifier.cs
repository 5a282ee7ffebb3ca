namespace Netra.Agent.Tools;

/// <summary>Keyword triage of a request: a category and a priority.</summary>
public static class RequestClassifier
{
    private static readonly (string Category, string[] Words)[] Categories =
    [
        ("incident", ["error", "down", "outage", "fail", "broken", "crash"]),
        ("access", ["login", "password", "token", "access", "permission"]),
        ("billing", ["invoice", "bill", "charge", "payment", "refund"]),
    ];

    private static readonly string[] UrgentWords = ["urgent", "asap", "down", "outage", "critical"];

    public static (string Category, string Priority) Classify(string text)
    {
        var category = Categories.FirstOrDefault(entry => entry.Words.Any(word => Mentions(text, word))).Category ?? "question";
        var priority = UrgentWords.Any(word => Mentions(text, word)) ? "high" : "normal";
        return (category, priority);
    }

    private static bool Mentions(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
