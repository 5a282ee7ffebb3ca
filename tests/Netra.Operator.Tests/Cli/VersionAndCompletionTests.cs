using System.CommandLine;
using Netra.Operator.Cli;
using Netra.Operator.Core;
using Spectre.Console;

namespace Netra.Operator.Tests.Cli;

/// <summary><c>netra-operator version</c>, and the <c>[suggest]</c> directive that dotnet-suggest's shell completion calls.</summary>
public sealed class VersionAndCompletionTests
{
    [Fact]
    public async Task Version_prints_the_build_version_and_the_TestRun_API_version()
    {
        var exit = await InProcessCli.RunAsync("version");

        Assert.Equal(ExitCodes.Succeeded, exit.Code);
        var lines = exit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["netra-operator " + VersionCommand.Informational, "TestRun API netra.io/v1alpha1"], lines);
        Assert.StartsWith("0.1.0", VersionCommand.Informational, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[suggest:2]", "ru", "run")]
    [InlineData("[suggest:2]", "wa", "wait")]
    [InlineData("[suggest:8]", "run --cl", "--cluster")]
    [InlineData("[suggest:10]", "wait x --t", "--timeout")]
    public async Task The_suggest_directive_completes_commands_and_options(string directive, string line, string expected)
    {
        using var output = new StringWriter();
        var root = OperatorCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null);

        var exit = await root.Parse([directive, line]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains(expected, output.ToString().Split('\n', StringSplitOptions.TrimEntries));
    }
}
