namespace Netra.Agent.Llm;

/// <summary>Which model the agent talks to. Bound from <c>Agent:Llm</c>.</summary>
public sealed class LlmOptions
{
    public const string Section = "Agent:Llm";
    public const string ScriptedProvider = "scripted";
    public const string OpenAiProvider = "openai";

    /// <summary><c>scripted</c> (default: deterministic, no network) or <c>openai</c> (any OpenAI-compatible server).</summary>
    public string Provider { get; set; } = ScriptedProvider;

    /// <summary>The OpenAI-compatible server, with or without its <c>/v1</c> suffix.</summary>
    public Uri? BaseUrl { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Sent as <c>Authorization: Bearer</c> to the OpenAI-compatible server; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Per-attempt timeout of one model call. Unset: 500 ms for the scripted model (which answers in
    /// microseconds), 30 s for an HTTP model.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    public bool IsOpenAi => string.Equals(Provider, OpenAiProvider, StringComparison.OrdinalIgnoreCase);

    public TimeSpan EffectiveTimeout => Timeout ?? (IsOpenAi ? TimeSpan.FromSeconds(30) : TimeSpan.FromMilliseconds(500));
}
