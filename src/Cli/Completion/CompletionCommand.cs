using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Platform.Cli.Completion;

public enum Shell { Bash, Zsh }

public sealed class CompletionSettings : CommandSettings
{
    [CommandArgument(0, "<SHELL>")]
    [Description("bash or zsh")]
    public Shell Shell { get; init; }
}

/// <summary>Prints a completion script generated from the registered commands: source it from ~/.bashrc or ~/.zshrc.</summary>
public sealed class CompletionCommand : AsyncCommand<CompletionSettings>
{
    private const string ZshPrologue = """
        # zsh completion for platform: add `source <(platform completion zsh)` to ~/.zshrc
        (( $+functions[compdef] )) || { autoload -U +X compinit && compinit }
        autoload -U +X bashcompinit && bashcompinit

        """;

    public override async Task<int> ExecuteAsync(CommandContext context, CompletionSettings settings, CancellationToken cancellationToken)
    {
        var bash = BashCompletion.Write(CommandTree.Flatten(await CommandModelReader.ReadAsync()));
        // zsh runs the same functions through its bash compatibility layer (compinit first if the shell has not).
        Console.Out.Write(settings.Shell == Shell.Zsh ? ZshPrologue + bash : bash);
        return ExitCodes.Ok;
    }
}
