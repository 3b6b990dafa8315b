using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Creates a version whole or not at all: the manifest blob first (content-addressed, so a retry reuses it), then the
/// version row, the dataset's pointer and every item row in one transaction.
/// </summary>
public sealed class VersionWriter(PlatformDb db, BlobStore blobs, TimeProvider clock)
{
    public async Task<DatasetVersion> CreateAsync(Dataset dataset, VersionContent content, VersionSource source, string detail,
        Guid? parentVersionId, Operation operation, CancellationToken ct)
    {
        var items = content.Items.OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        var manifestSha = await WriteManifestAsync(dataset.WorkspaceId, content, items, ct);
        await blobs.FlushAsync(ct);
        var summary = VersionSummaries.Compute(content, items);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var id = Guid.CreateVersion7(now);
        var number = dataset.AddVersion(id, content.Kind, boxesDrawn: source == VersionSource.Annotation);
        var version = new DatasetVersion(id, dataset.WorkspaceId, dataset.Id, number, content.Kind, source, detail,
            parentVersionId, operation.Id, operation.CreatedBy, now);
        version.Seal(items.Count, TotalBytes(items), manifestSha, summary.ToJson());
        db.DatasetVersions.Add(version);
        await db.SaveChangesAsync(ct);

        var ids = new SequentialIds(now);
        await DatasetItemBulk.InsertAsync(db, items.Select(i => new DatasetItem(ids.Next(), version.Id, i.Path, i.Label, i.Split, i.Sha256, i.Size,
            i.Width, i.Height, i.Boxes.Count == 0 ? null : JsonSerializer.Serialize(i.Boxes, PlatformClient.Json), i.Text)), ct);
        await transaction.CommitAsync(ct);
        return version;
    }

    /// <summary>Each distinct file once, plus the text of text items and table rows.</summary>
    private static long TotalBytes(List<NewItem> items) =>
        items.Where(i => i.Sha256 is not null).DistinctBy(i => i.Sha256).Sum(i => i.Size)
        + items.Where(i => i.Sha256 is null && i.Text is not null).Sum(i => (long)Encoding.UTF8.GetByteCount(i.Text!));

    private async Task<string> WriteManifestAsync(Guid workspaceId, VersionContent content, List<NewItem> items, CancellationToken ct)
    {
        await using var file = TempFile.Create();
        await using (var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { content.Kind, content.Classes, content.Columns }, PlatformClient.Json));
            foreach (var item in items) await writer.WriteLineAsync(JsonSerializer.Serialize(item, PlatformClient.Json));
        }
        file.Position = 0;
        return (await blobs.PutAsync(workspaceId, file, ct)).Sha256;
    }
}
