using System.Text;
using System.Text.Json;
using Netra.Agent.Tests.Support;
using Netra.Testing;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class KeyRotationTests
{
    [Fact]
    public async Task Tokens_signed_by_a_rotated_key_are_accepted_and_the_previous_key_still_validates()
    {
        var rotating = new AuthServiceFixture();
        try
        {
            await rotating.StartAsync("--Auth:SigningKeyRotationInterval=00:00:02", "--Auth:SigningKeyPublishLead=00:00:01");
            await using var agent = await AgentUnderTest.StartAsync(rotating);
            var first = agent.Token;
            Assert.Equal("final_report", (await agent.RunAsync(RunBody.Of(), first))[^1].Type);

            var rotated = first;
            await Eventually.WaitUntilAsync(
                async () => KidOf(rotated = await rotating.ServiceTokenAsync()) != KidOf(first),
                "the auth service to sign with its next key");

            Assert.Equal("final_report", (await agent.RunAsync(RunBody.Of(), rotated))[^1].Type);
            Assert.Equal("final_report", (await agent.RunAsync(RunBody.Of(), first))[^1].Type);
        }
        finally
        {
            await rotating.DisposeAsync();
        }
    }

    private static string KidOf(string jwt)
    {
        var header = jwt.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header))).RootElement.GetProperty("kid").GetString()!;
    }
}
