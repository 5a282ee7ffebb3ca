using System.Text;
using Netra.Backend.Protocol;

namespace Netra.Backend.Tests.Unit;

public sealed class ClientFrameTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"ping\"")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":\"ping\",\"payload\":[]}")]
    [InlineData("{\"type\":\"ping\",\"id\":7}")]
    public void Frames_that_are_not_envelopes_are_invalid(string text) =>
        Assert.Throws<InvalidMessageException>(() => ClientFrame.Parse(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("{\"type\":\"ping\"}", "ping", null)]
    [InlineData("{\"type\":\"ping\",\"payload\":{},\"id\":\"c1\"}", "ping", "c1")]
    [InlineData("{\"type\":\"thread_list\",\"payload\":null}", "thread_list", null)]
    public void Envelopes_parse(string text, string type, string? id)
    {
        var frame = ClientFrame.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(type, frame.Type);
        Assert.Equal(id, frame.Id);
    }

    [Theory]
    [InlineData("{}", false)]
    [InlineData("{\"thread_id\":null}", false)]
    [InlineData("{\"thread_id\":\"\"}", false)]
    [InlineData("{\"thread_id\":3}", false)]
    [InlineData("{\"thread_id\":\"thr_1\"}", true)]
    public void Required_strings_must_be_present_non_empty_strings(string payload, bool valid)
    {
        var frame = ClientFrame.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"thread_switch\",\"payload\":{payload}}}"));

        var read = () => frame.Payload.RequiredString("thread_id");

        if (valid)
        {
            Assert.Equal("thr_1", read());
        }
        else
        {
            Assert.Throws<InvalidMessageException>(read);
        }
    }
}
