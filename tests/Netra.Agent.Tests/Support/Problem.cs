using System.Net.Http.Json;
using System.Text.Json;

namespace Netra.Agent.Tests.Support;

/// <summary>Reads an RFC 9457 problem answer and checks its shape.</summary>
public static class Problem
{
    /// <summary>Asserts the status and <c>application/problem+json</c>, and returns the problem's <c>code</c>.</summary>
    public static async Task<string> CodeOfAsync(HttpResponseMessage response, int expectedStatus)
    {
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        await response.Content.LoadIntoBufferAsync(); // callers may read the body again
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = problem.GetProperty("code").GetString()!;
        Assert.Equal($"https://netra.dev/problems/agent/{code}", problem.GetProperty("type").GetString());
        return code;
    }
}
