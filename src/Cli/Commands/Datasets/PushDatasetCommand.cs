using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Platform.Cli.Push;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Datasets;

public sealed class PushDatasetSettings : WorkspaceSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("A folder (packed into a zip: one folder per class, COCO, YOLO…) or an archive or file the server imports (zip, tar.gz, csv, jsonl…)")]
    public string Path { get; init; } = "";

    [CommandOption("-d|--dataset <NAME|ID>")]
    [Description("The dataset to add a version to; created when no dataset has this name (default: the folder's or file's name)")]
    public string? Dataset { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("Auto (default), ImageFolders, Coco, Yolo, PascalVoc, CsvTable, CsvText, JsonlText")]
    [DefaultValue(DatasetFormat.Auto)]
    public DatasetFormat Format { get; init; }

    [CommandOption("--target <COLUMN>")]
    [Description("Tables: the column to predict")]
    public string? TargetColumn { get; init; }

    [CommandOption("--add")]
    [Description("Add the items to the latest version instead of making a new snapshot")]
    public bool AddToLatest { get; init; }

    [CommandOption("--chunk-size <SIZE>")]
    [Description("Bytes per request, e.g. 8M (default) or 512K")]
    public string? ChunkSize { get; init; }

    [CommandOption("--limit-rate <SIZE>")]
    [Description("Upload no faster than this many bytes a second, e.g. 2M")]
    public string? LimitRate { get; init; }
}

/// <summary>
/// Uploads a folder or file in resumable chunks (Ctrl+C, then the same command again, continues), imports it as a new
/// version of the dataset and waits for the import.
/// </summary>
public sealed class PushDatasetCommand : PlatformCommand<PushDatasetSettings>
{
    protected override async Task<int> RunAsync(PushDatasetSettings settings, Output output, CancellationToken ct)
    {
        var source = PushSource.From(settings.Path);
        var chunkBytes = settings.ChunkSize is null ? PlatformClient.DefaultChunkBytes : (int)Math.Min(int.MaxValue, ByteSize.Parse(settings.ChunkSize, "--chunk-size"));
        long? rate = settings.LimitRate is null ? null : ByteSize.Parse(settings.LimitRate, "--limit-rate");
        var session = Session.Open();
        var client = session.Client;
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var key = source.Key(session.Url, workspace.Id);

        var uploaded = await new ResumableUpload(client, session.Url, workspace.Id, output).RunAsync(source, key, chunkBytes, rate, ct);
        var datasetName = settings.Dataset ?? System.IO.Path.GetFileNameWithoutExtension(source.Name);
        var dataset = await Lookup.FindDatasetAsync(client, workspace.Id, datasetName, ct)
            ?? await client.CreateDatasetAsync(workspace.Id, new CreateDatasetRequest(datasetName), ct);
        var request = new StartImportRequest([uploaded.Upload.Id], settings.Format,
            Mode: settings.AddToLatest ? ImportMode.AddToLatest : ImportMode.NewSnapshot, TargetColumn: settings.TargetColumn);
        var import = await client.StartImportAsync(workspace.Id, dataset.Id, request, ct);
        PushState.Forget(key);

        await Operations.WaitAsync(client, import, output, ct);
        var report = await client.GetImportReportAsync(workspace.Id, import.Id, ct);
        dataset = await client.GetDatasetAsync(workspace.Id, dataset.Id, ct);
        var result = new PushResult(dataset.Id, dataset.Name, report.VersionNumber, report.Imported, report.Skipped, uploaded.Upload.Id,
            uploaded.Upload.Size, uploaded.ResumedAt, import.Id, report.Problems);
        output.Result(result, console =>
        {
            console.MarkupLineInterpolated($"[green]Dataset {dataset.Name} version {report.VersionNumber}[/]: {report.Imported} items imported, {report.Skipped} skipped.");
            foreach (var problem in report.Problems.Take(10)) console.MarkupLineInterpolated($"  [yellow]{problem.File}[/]: {problem.Message}");
        });
        return ExitCodes.Ok;
    }

    public sealed record PushResult(Guid DatasetId, string Dataset, int? Version, int Imported, int Skipped, Guid UploadId, long UploadBytes,
        long ResumedAtBytes, Guid OperationId, IReadOnlyList<ImportProblemDto> Problems);
}
