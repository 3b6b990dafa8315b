using System.ComponentModel;
using Spectre.Console.Cli;

namespace Platform.Cli.Infrastructure;

public enum OutputFormat { Table, Json }

/// <summary>Options every command takes.</summary>
public class GlobalSettings : CommandSettings
{
    [CommandOption("--output <FORMAT>")]
    [Description("table (default, for people) or json (for scripts; one document on stdout, messages on stderr)")]
    [DefaultValue(OutputFormat.Table)]
    public OutputFormat Output { get; init; }
}

/// <summary>Options of commands that work inside one workspace.</summary>
public class WorkspaceSettings : GlobalSettings
{
    [CommandOption("-w|--workspace <NAME|ID>")]
    [Description("The workspace (default: $PLATFORM_WORKSPACE, then the one chosen at login or with workspaces use, then your only workspace)")]
    public string? Workspace { get; init; }
}
