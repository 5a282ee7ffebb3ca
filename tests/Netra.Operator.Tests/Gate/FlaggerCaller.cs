using System.Text;
using System.Text.Json;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// A webhook call as Flagger makes one (https://docs.flagger.app/usage/webhooks, and its pkg/controller/webhook.go):
/// a POST of <c>{name, namespace, phase, checksum, metadata}</c> with only <c>Content-Type: application/json</c>;
/// a status above 202 fails the check, the response body becoming the failed check's message.
/// </summary>
public static class FlaggerCaller
{
    public sealed record Outcome(int StatusCode, string Body)
    {
        public bool Passed => StatusCode is >= 200 and <= 202;

        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }

    public static async Task<Outcome> CallAsync(
        Uri gate, string hook, string canary, string ns, string phase, string checksum, IReadOnlyDictionary<string, string> metadata)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = canary,
            ["namespace"] = ns,
            ["phase"] = phase,
            ["checksum"] = checksum,
            ["metadata"] = metadata,
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(gate, $"/v1/flagger/{hook}"), content);
        return new Outcome((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
