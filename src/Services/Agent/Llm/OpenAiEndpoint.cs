namespace Netra.Agent.Llm;

/// <summary>Where an OpenAI-compatible server answers chat completions, whether its base URL was given with <c>/v1</c> or
/// without.</summary>
public static class OpenAiEndpoint
{
    public static Uri ChatCompletions(Uri baseUrl)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        var path = root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? "/chat/completions" : "/v1/chat/completions";
        return new Uri(root + path);
    }
}
