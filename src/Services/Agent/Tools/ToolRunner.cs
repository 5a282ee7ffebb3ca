using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Netra.Agent.Faults;
using Netra.Agent.Llm;
using Polly;
using Polly.Retry;

namespace Netra.Agent.Tools;

/// <summary>Executes the tool calls a model asks for, retrying transient failures; injected tool faults happen here.</summary>
public sealed class ToolRunner
{
    private readonly ToolCatalog _catalog;
    private readonly ResiliencePipeline _pipeline;

    public ToolRunner(ToolCatalog catalog, IOptions<ToolOptions> options)
    {
        _catalog = catalog;
        var builder = new ResiliencePipelineBuilder();
        if (options.Value.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ToolFailedException>(e => e.IsTransient),
                MaxRetryAttempts = options.Value.MaxRetryAttempts,
                Delay = TimeSpan.FromMilliseconds(10),
                UseJitter = true,
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>The arguments of a tool call as a JSON object, or a (non-transient) tool failure.</summary>
    public static JsonObject ParseArguments(LlmToolCall call)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments) as JsonObject
                ?? throw new ToolFailedException($"The arguments of {call.Name} are not a JSON object.", isTransient: false);
        }
        catch (JsonException)
        {
            throw new ToolFailedException($"The arguments of {call.Name} are not valid JSON.", isTransient: false);
        }
    }

    public async Task<JsonObject> RunAsync(string toolName, JsonObject arguments, RunFaults faults, CancellationToken cancellationToken)
    {
        faults.TakeStep();
        var tool = _catalog.Find(toolName) ?? throw new ToolFailedException($"No tool named '{toolName}'.", isTransient: false);
        return await _pipeline.ExecuteAsync(
            async token =>
            {
                if (faults.TryConsume(FaultKind.ToolFailure))
                {
                    throw new ToolFailedException($"Injected failure of {toolName}.", isTransient: true);
                }

                // Each attempt gets its own copy: a tool must not see what a failed attempt did to the arguments.
                return await tool.ExecuteAsync((JsonObject)arguments.DeepClone(), token);
            },
            cancellationToken);
    }
}
