using System.Net;
using System.Text.Json;

namespace Netra.Auth.Tests.Support;

public static class Problem
{
    /// <summary>Asserts a problem details answer with this status and code, whose body contains none of <paramref name="secrets"/>.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code, params string[] secrets)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        return problem;
    }
}
