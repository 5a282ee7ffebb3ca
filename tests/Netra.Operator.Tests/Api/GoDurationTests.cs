using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.Api;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s250ms", 90_250)]
    [InlineData("100000h", 360_000_000_000)]
    public void Parses_what_users_write(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15 m")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("5d")]
    [InlineData("99999999999h")]
    [InlineData("2000000000h")]
    [InlineData("100001h")]
    [InlineData("99999h99999h")]
    [InlineData("9223372036854775807ms")]
    [InlineData("0000000000000000000000000000000001s")]
    public void Refuses_anything_else(string? text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42.4, "42s")]
    [InlineData(187, "3m7s")]
    [InlineData(3720, "1h2m0s")]
    public void Formats_whole_seconds_for_people(double seconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
