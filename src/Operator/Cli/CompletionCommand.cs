using System.CommandLine;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator completion bash|zsh</c>: a script that completes commands, options and their values in the shell, by
/// asking netra-operator itself (System.CommandLine's <c>[suggest:POSITION]</c> directive), so it never falls behind the
/// commands. zsh runs the bash function through its <c>bashcompinit</c>.
/// </summary>
public static class CompletionCommand
{
    private const string Bash = """
        _netra_operator() {
          local line="${COMP_LINE#* }"
          local point=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
          (( point < 0 )) && point=0
          local word="${line:0:$point}"
          word="${word##* }"
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$(netra-operator "[suggest:$point]" "$line" 2>/dev/null)" -- "$word"))
        }
        complete -o default -F _netra_operator netra-operator

        """;

    private const string Zsh = """
        autoload -U +X compinit && compinit
        autoload -U +X bashcompinit && bashcompinit

        """;

    public static Command Create(TextWriter output)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var completion = new Command(
            "completion",
            "Print a shell completion script: source <(netra-operator completion bash), or zsh, e.g. from ~/.bashrc or ~/.zshrc.")
        {
            shell,
        };
        completion.SetAction(async parsed =>
        {
            await output.WriteAsync(parsed.GetRequiredValue(shell) == "zsh" ? Zsh + Bash : Bash);
            return 0;
        });
        return completion;
    }
}
