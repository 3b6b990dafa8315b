using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Datasets.Formats;
using Platform.Jobs.Operations;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>Writes a version in the chosen format to a temporary file (streamed, never whole in memory) and stores it for download.</summary>
public sealed class ExportDatasetHandler(PlatformDb db, IObjectStore store, BlobStore blobs) : IOperationHandler
{
    public string Kind => OperationKinds.ExportDataset;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<ExportPayload>(operation.Payload!, PlatformClient.Json)!;
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == operation.SubjectId && d.WorkspaceId == operation.WorkspaceId, ct);
        var version = await db.DatasetVersions.AsNoTracking().SingleAsync(v => v.Id == payload.VersionId && v.WorkspaceId == operation.WorkspaceId, ct);
        await report.ReportAsync(0.05, $"Reading {version.ItemCount:N0} items of version {version.Number}", ct);
        var content = await VersionReader.ReadAsync(db, version.Id, ct);
        var export = new ExportDataset($"{dataset.Name}-v{version.Number}", content.Kind, content.Classes, content.Items.Select(i => ToExport(i, content.Kind == DatasetKind.Table)).ToList(),
            content.Columns.Select(c => new TableColumn(c.Name, c.Type)).ToList(), content.Columns.FirstOrDefault(c => c.IsTarget)?.Name);

        var fileName = DatasetWriters.FileName(export.Name, export.Kind, payload.Format);
        await using var file = TempFile.Create();
        var total = Math.Max(1, export.Items.Count);
        var written = 0;
        var writing = DatasetWriters.WriteAsync(export, payload.Format, (sha, token) => blobs.OpenAsync(operation.WorkspaceId, sha, token),
            file, new SyncProgress(count => Volatile.Write(ref written, count)), ct);
        while (await Task.WhenAny(writing, Task.Delay(500, ct)) != writing)
        {
            var count = Volatile.Read(ref written);
            await report.ReportAsync(0.1 + 0.8 * count / total, $"Written {count:N0} of {total:N0} items", ct);
        }
        await writing;
        await report.ReportAsync(0.9, $"Storing {fileName} ({written:N0} items)", ct);
        file.Position = 0;
        var key = $"workspaces/{operation.WorkspaceId:N}/exports/{operation.Id:N}/{fileName}";
        await store.PutAsync(key, file, file.Length, DatasetWriters.ContentType(fileName), ct);
        operation.AttachResult(key, fileName);
        return $"Exported {total:N0} items as {fileName} ({file.Length / 1024.0 / 1024.0:0.0} MiB).";
    }

    private static ExportItem ToExport(NewItem i, bool isTable) => new(i.Path, i.Label, i.Split,
        i.Boxes.Select(b => new ParsedBox(b.Label, b.X, b.Y, b.Width, b.Height)).ToList(),
        isTable ? null : i.Text, isTable && i.Text is not null ? JsonSerializer.Deserialize<List<string?>>(i.Text) : null,
        i.Width, i.Height, i.Sha256);

    /// <summary>Progress&lt;T&gt; posts to a synchronization context; a plain callback is enough to record a count.</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
