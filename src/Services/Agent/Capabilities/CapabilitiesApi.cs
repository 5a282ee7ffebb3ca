using Microsoft.Extensions.Options;
using Netra.Agent.Faults;
using Netra.Agent.Llm;

namespace Netra.Agent.Capabilities;

/// <summary>
/// <c>GET /v1/capabilities</c>, behind a service token: what a caller (the probes) may rely on, so that
/// it skips what the service does not do instead of failing. Only switches, never a setting's value
/// (no model URL, no key).
/// </summary>
public static class CapabilitiesApi
{
    public const string Path = "/v1/capabilities";

    /// <param name="Model"><c>scripted</c> (deterministic, free) or <c>openai</c> (a real model, each run costs).</param>
    /// <param name="FaultInjection">Whether runs may ask for a <c>fault</c>.</param>
    public sealed record CapabilitiesDocument(string Model, bool FaultInjection);

    public static IEndpointRouteBuilder MapCapabilitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (IOptions<LlmOptions> llm, IOptions<FaultInjectionOptions> faults) => TypedResults.Ok(new CapabilitiesDocument(
            llm.Value.IsOpenAi ? LlmOptions.OpenAiProvider : LlmOptions.ScriptedProvider,
            faults.Value.Enabled)));
        return app;
    }
}
