using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Datasets;

/// <summary>Commands about one dataset.</summary>
public class DatasetSettings : WorkspaceSettings
{
    [CommandArgument(0, "<DATASET>")]
    [Description("The dataset's name or id")]
    public string Dataset { get; init; } = "";
}
