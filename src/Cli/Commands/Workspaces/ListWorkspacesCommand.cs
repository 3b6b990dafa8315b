using Platform.Cli.Infrastructure;
using Spectre.Console;
using Platform.Contracts;

namespace Platform.Cli.Commands.Workspaces;

/// <summary>The workspaces branch's settings (its own type: Spectre mis-parses a branch whose settings type root commands also use).</summary>
public class WorkspacesSettings : GlobalSettings;

/// <summary>The account's workspaces with its role in each; the default one is marked.</summary>
public sealed class ListWorkspacesCommand : PlatformCommand<WorkspacesSettings>
{
    protected override async Task<int> RunAsync(WorkspacesSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspaces = await Lookup.AllAsync(cursor => session.Client.ListWorkspacesAsync(cursor, 200, ct));
        output.Result(workspaces, console =>
        {
            var table = Output.Table("", "Name", "Role", "Id", "Created");
            foreach (var w in workspaces)
                table.AddRow(w.Id.ToString() == session.Config.Workspace ? "*" : "", Text(w), w.MyRole.ToString(), w.Id.ToString(), w.CreatedAt.ToString("yyyy-MM-dd"));
            console.Write(table);
        });
        return ExitCodes.Ok;
    }

    private static string Text(WorkspaceDto w) => Spectre.Console.Markup.Escape(w.IsArchived ? w.Name + " (archived)" : w.Name);
}
