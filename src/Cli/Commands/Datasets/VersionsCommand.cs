using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli.Commands.Datasets;

/// <summary>A dataset's versions, newest first: items, classes, splits, size and where each came from.</summary>
public sealed class VersionsCommand : PlatformCommand<DatasetSettings>
{
    protected override async Task<int> RunAsync(DatasetSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var dataset = await Lookup.DatasetAsync(session.Client, workspace.Id, settings.Dataset, ct);
        var versions = await Lookup.AllAsync(cursor => session.Client.ListVersionsAsync(workspace.Id, dataset.Id, cursor, 200, ct));
        output.Result(versions, console =>
        {
            var table = Output.Table("Version", "Kind", "Items", "Classes", "Train/Val/Test", "Size", "Source", "Created");
            foreach (var v in versions)
                table.AddRow(v.Number.ToString(), v.Kind.ToString(), v.ItemCount.ToString(), Markup.Escape(string.Join(", ", v.Classes.Take(8)) + (v.Classes.Count > 8 ? ", …" : "")),
                    $"{v.Splits.Train}/{v.Splits.Validation}/{v.Splits.Test}", ByteSize.Format(v.TotalBytes), Markup.Escape(v.Source + " " + v.SourceDetail),
                    v.CreatedAt.ToString("yyyy-MM-dd HH:mm"));
            console.Write(table);
        });
        return ExitCodes.Ok;
    }
}
