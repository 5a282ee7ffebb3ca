namespace Netra.Agent.Supervisor;

/// <summary>Cuts an answer into the chunks of <c>partial_result</c>: at word boundaries, each at most <c>maxChars</c> long unless one word
/// is longer.</summary>
public static class ResponseChunker
{
    public static IReadOnlyList<string> Split(string content, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        var chunks = new List<string>();
        var start = 0;
        while (start < content.Length)
        {
            var end = Math.Min(start + maxChars, content.Length);
            if (end < content.Length)
            {
                var space = content.LastIndexOf(' ', end - 1, end - start);
                end = space > start ? space + 1 : end;
            }

            chunks.Add(content[start..end]);
            start = end;
        }

        return chunks.Count > 0 ? chunks : [content];
    }
}
