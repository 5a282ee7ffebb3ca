using System.Text;
using System.Text.Json;
using Netra.Backend.Protocol;

namespace Netra.Backend.Tests.Unit;

public sealed class ServerFrameTests
{
    [Fact]
    public void Non_ascii_text_is_written_as_utf8_and_what_json_needs_is_still_escaped()
    {
        const string content = "日本語 — «ça» \"quoted\"\n";

        var frame = ServerFrame.Serialize("pong", new { content }, id: null, seq: 1, DateTimeOffset.UnixEpoch);

        var text = Encoding.UTF8.GetString(frame);
        Assert.Contains("日本語 — «ça»", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(frame);
        Assert.Equal(content, parsed.RootElement.GetProperty("payload").GetProperty("content").GetString());
    }
}
