using Netra.Operator.Core;
using Netra.Testing;

namespace Netra.Operator.Tests.Cli;

/// <summary>
/// <c>netra-operator completion bash|zsh</c> sourced in the real shell, its function called as the shell calls it on Tab:
/// what it offers comes from netra-operator itself (the build beside the tests, on the PATH as a user has it).
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("netra-completion-");

    public static TheoryData<string, string, string> Lines => new()
    {
        { "bash", "netra-operator ru", "run" },
        { "bash", "netra-operator run --cl", "--cluster" },
        { "bash", "netra-operator wait smoke --ti", "--timeout" },
        { "bash", "netra-operator completion z", "zsh" },
        { "zsh", "netra-operator run --cl", "--cluster" },
        { "zsh", "netra-operator wai", "wait" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task The_shell_completes_from_netra_operators_own_commands(string shell, string line, string offered)
    {
        var script = Path.Combine(_folder.FullName, $"completion.{shell}");
        var printed = await InProcessCli.RunAsync("completion", shell);
        Assert.True(printed.Code == ExitCodes.Succeeded, printed.ToString());
        await File.WriteAllTextAsync(script, printed.Stdout);
        var shim = Path.Combine(_folder.FullName, "netra-operator");
        await File.WriteAllTextAsync(shim, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "netra-operator.dll")}\" \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var reply = await RunShellAsync(shell, $$"""
            source '{{script}}'
            COMP_LINE='{{line}}'
            COMP_POINT=${#COMP_LINE}
            _netra_operator
            printf '%s\n' "${COMPREPLY[@]}"
            """);

        Assert.Contains(offered, reply);
    }

    [Fact]
    public async Task Another_shell_is_bad_input()
    {
        var exit = await InProcessCli.RunAsync("completion", "fish");

        Assert.Equal(ExitCodes.Invalid, exit.Code);
        Assert.Contains("fish", exit.Stderr, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> RunShellAsync(string shell, string commands)
    {
        var path = new Dictionary<string, string> { ["PATH"] = $"{_folder.FullName}:{Environment.GetEnvironmentVariable("PATH")}" };
        var exit = await CommandProcess.RunFileAsync(shell, ["-c", commands], TimeSpan.FromMinutes(1), path);
        Assert.True(exit.Code == 0, exit.ToString());
        return exit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
