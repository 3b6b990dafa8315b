using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli.Commands.Datasets;

/// <summary>The workspace's datasets with their latest version.</summary>
public sealed class ListDatasetsCommand : PlatformCommand<WorkspaceSettings>
{
    protected override async Task<int> RunAsync(WorkspaceSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var datasets = await Lookup.AllAsync(cursor => session.Client.ListDatasetsAsync(workspace.Id, cursor: cursor, limit: 200, ct: ct));
        output.Result(datasets, console =>
        {
            var table = Output.Table("Name", "Kind", "Versions", "Latest items", "Id");
            foreach (var d in datasets)
                table.AddRow(Markup.Escape(d.Name), d.Kind?.ToString() ?? "-", d.VersionCount.ToString(), d.LatestVersion?.ItemCount.ToString() ?? "-", d.Id.ToString());
            console.Write(table);
        });
        return ExitCodes.Ok;
    }
}
