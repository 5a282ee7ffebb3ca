using Netra.Operator.Cli;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Tests.Cli;

public sealed class StatusDocumentTests
{
    [Theory]
    [InlineData("yaml", "status:")]
    [InlineData("json", "{")]
    public void The_printed_status_ends_its_last_line_once(string format, string start)
    {
        var printed = StatusDocument.Serialize(new TestRunStatus { Phase = Phases.Succeeded }, format);

        Assert.StartsWith(start, printed, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, printed, StringComparison.Ordinal);
        Assert.False(printed.TrimEnd().Length < printed.Length - Environment.NewLine.Length, "more than one line ending");
    }
}
