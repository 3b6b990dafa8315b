using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Runs;

/// <summary>Commands about one run.</summary>
public class RunSettings : WorkspaceSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run's id (runs start prints it)")]
    public string Run { get; init; } = "";
}
