using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Datasets;

public sealed class PullDatasetSettings : DatasetSettings
{
    [CommandOption("--version <N>")]
    [Description("The version to export (default: the latest)")]
    public int? Version { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("The export format (default: the first that fits the version; image classification: ImageFolders)")]
    public DatasetFormat? Format { get; init; }

    [CommandOption("-f|--file <PATH>")]
    [Description("Where to write the export (default: the server's file name in the current folder)")]
    public string? File { get; init; }
}

/// <summary>Exports a dataset version on the server and downloads the file.</summary>
public sealed class PullDatasetCommand : PlatformCommand<PullDatasetSettings>
{
    protected override async Task<int> RunAsync(PullDatasetSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var client = session.Client;
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var dataset = await Lookup.DatasetAsync(client, workspace.Id, settings.Dataset, ct);
        var version = settings.Version ?? dataset.LatestVersion?.Number ?? throw CliException.NotFound($"Dataset {dataset.Name} has no version yet.");
        var formats = await client.ListExportFormatsAsync(workspace.Id, dataset.Id, version, ct);
        var format = settings.Format ?? formats.FirstOrDefault()?.Format ?? throw CliException.NotFound($"Version {version} cannot be exported.");
        if (formats.All(f => f.Format != format))
            throw CliException.Usage($"Version {version} exports to {string.Join(", ", formats.Select(f => f.Format))}, not {format}.");

        var export = await client.StartExportAsync(workspace.Id, dataset.Id, version, new StartExportRequest(format), ct);
        var done = await Operations.WaitAsync(client, export, output, ct);
        var path = Path.GetFullPath(settings.File ?? done.ResultFileName ?? $"{dataset.Name}-v{version}.zip");
        var partial = path + ".partial";
        using (var response = await client.DownloadOperationResultAsync(workspace.Id, done.Id, ct))
        await using (var file = System.IO.File.Create(partial))
            await response.Content.CopyToAsync(file, ct);
        System.IO.File.Move(partial, path, overwrite: true);
        var bytes = new FileInfo(path).Length;
        output.Result(new { DatasetId = dataset.Id, Dataset = dataset.Name, Version = version, Format = format, File = path, Bytes = bytes },
            console => console.MarkupLineInterpolated($"[green]Saved[/] {dataset.Name} version {version} ({format}, {ByteSize.Format(bytes)}) to {path}"));
        return ExitCodes.Ok;
    }
}
