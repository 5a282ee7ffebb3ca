using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using static Netra.Agent.Llm.OpenAiWire;

namespace Netra.Agent.Llm;

/// <summary>A model behind any server speaking OpenAI's <c>/v1/chat/completions</c> (with function tools).</summary>
public sealed class OpenAiLlmProvider(IHttpClientFactory clients, IOptions<LlmOptions> options) : ILlmProvider
{
    public const string HttpClientName = "openai";

    public async Task<LlmCompletion> CompleteAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, OpenAiEndpoint.ChatCompletions(settings.BaseUrl!))
        {
            Content = JsonContent.Create(ToWire(settings.Model, request), options: Json),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new LlmProviderException("The model server could not be reached.", isTransient: true, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new LlmProviderException($"The model server answered {(int)response.StatusCode}.", IsTransient(response.StatusCode));
            }

            try
            {
                var answer = await response.Content.ReadFromJsonAsync<ChatResponse>(Json, cancellationToken);
                var reply = (answer?.Choices is [var first, ..] ? first.Message : null)
                    ?? throw new LlmProviderException("The model server's answer has no choice.", isTransient: false);
                var calls = reply.ToolCalls?.Select(call => new LlmToolCall(call.Id, call.Function.Name, call.Function.Arguments))
                    .ToList() ?? [];
                return new LlmCompletion(reply.Content ?? string.Empty, calls);
            }
            catch (JsonException e)
            {
                throw new LlmProviderException("The model server's answer is not valid JSON.", isTransient: false, e);
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static ChatRequest ToWire(string model, LlmRequest request)
    {
        var messages = request.Messages.Select(message => new ChatMessage(
            message.Role,
            message.Content,
            message.ToolCalls?.Select(call => new ToolCall(call.Id, "function", new FunctionCall(call.Name, call.Arguments))).ToList(),
            message.ToolCallId)).ToList();
        var tools = request.Tools.Count == 0
            ? null
            : request.Tools
                .Select(tool => new Tool("function", new FunctionSpec(tool.Name, tool.Description, JsonNode.Parse(tool.ParametersSchema))))
                .ToList();
        return new ChatRequest(model, messages, tools, Temperature: 0);
    }
}
