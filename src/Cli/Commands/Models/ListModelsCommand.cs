using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli.Commands.Models;

/// <summary>The workspace's registered models: versions, the newest version's score, aliases.</summary>
public sealed class ListModelsCommand : PlatformCommand<WorkspaceSettings>
{
    protected override async Task<int> RunAsync(WorkspaceSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var models = await Lookup.AllAsync(cursor => session.Client.ListModelsAsync(workspace.Id, cursor, 200, ct: ct));
        output.Result(models, console =>
        {
            var table = Output.Table("Name", "Versions", "Latest", "Score", "Aliases", "Id");
            foreach (var m in models)
                table.AddRow(Markup.Escape(m.Name), m.VersionCount.ToString(), m.LatestVersion?.Number.ToString() ?? "-",
                    m.LatestVersion?.Score?.ToString("0.####") ?? "-", Markup.Escape(string.Join(", ", m.Aliases.Select(a => $"{a.Name}→v{a.Version}"))), m.Id.ToString());
            console.Write(table);
        });
        return ExitCodes.Ok;
    }
}
