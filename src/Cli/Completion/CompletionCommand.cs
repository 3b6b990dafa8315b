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
    public override async Task<int> ExecuteAsync(CommandContext context, CompletionSettings settings, CancellationToken cancellationToken)
    {
        var bash = BashCompletion.Write(CommandTree.Flatten(await CommandModelReader.ReadAsync()));
        // zsh runs the same functions through its bash compatibility layer.
        Console.Out.Write(settings.Shell == Shell.Zsh ? "#compdef platform\nautoload -U +X bashcompinit && bashcompinit\n" + bash : bash);
        return ExitCodes.Ok;
    }
}
