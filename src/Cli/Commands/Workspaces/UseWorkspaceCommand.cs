using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Workspaces;

public sealed class UseWorkspaceSettings : WorkspacesSettings
{
    [CommandArgument(0, "<NAME|ID>")]
    [Description("The workspace later commands use when they are given none")]
    public string Workspace { get; init; } = "";
}

public sealed class UseWorkspaceCommand : PlatformCommand<UseWorkspaceSettings>
{
    protected override async Task<int> RunAsync(UseWorkspaceSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        (CliConfig.Load() with { Workspace = workspace.Id.ToString() }).Save();
        output.Result(workspace, console => console.WriteLine($"Commands now work in workspace {workspace.Name}."));
        return ExitCodes.Ok;
    }
}
