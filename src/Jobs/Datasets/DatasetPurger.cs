using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Removes deleted datasets whose retention has ended, then every blob (and thumbnail) no version references any more,
/// and uploads left unfinished past their expiry. Blobs of a workspace with an import or split under way are left
/// alone: that work may be about to reference them.
/// </summary>
public sealed class DatasetPurger(PlatformDb db, IObjectStore store, IOptions<DatasetStorageOptions> options, TimeProvider clock)
{
    public async Task<PurgeResult> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var datasets = 0;
        foreach (var dataset in await db.Datasets.Where(d => d.PurgeAfter != null && d.PurgeAfter < now).ToListAsync(ct))
        {
            var versionIds = db.DatasetVersions.Where(v => v.DatasetId == dataset.Id).Select(v => v.Id);
            await db.DatasetItems.Where(i => versionIds.Contains(i.VersionId)).ExecuteDeleteAsync(ct);
            await db.DatasetVersions.Where(v => v.DatasetId == dataset.Id).ExecuteDeleteAsync(ct);
            db.Datasets.Remove(dataset);
            db.AuditEvents.Add(new AuditEvent(now, AuditActions.DatasetPurged, dataset.WorkspaceId, null, null, dataset.Name, null));
            await db.SaveChangesAsync(ct);
            datasets++;
        }

        var expiredBefore = now - TimeSpan.FromDays(options.Value.UploadExpiryDays);
        var uploads = await db.Uploads.Where(u => u.UpdatedAt < expiredBefore).ToListAsync(ct);
        foreach (var upload in uploads)
        {
            await UploadParts.DeleteAsync(store, upload, ct);
            db.Uploads.Remove(upload);
        }
        await db.SaveChangesAsync(ct);

        var busy = db.Operations.Where(o => (o.Kind == OperationKinds.ImportDataset || o.Kind == OperationKinds.SplitDataset)
            && (o.State == OperationState.Queued || o.State == OperationState.Running)).Select(o => o.WorkspaceId);
        var orphans = await db.StoredBlobs
            .Where(b => !busy.Contains(b.WorkspaceId))
            .Where(b => !db.DatasetItems.Any(i => i.Sha256 == b.Sha256 && db.DatasetVersions.Any(v => v.Id == i.VersionId && v.WorkspaceId == b.WorkspaceId)))
            .Where(b => !db.DatasetVersions.Any(v => v.WorkspaceId == b.WorkspaceId && v.ManifestSha256 == b.Sha256))
            .ToListAsync(ct);
        long bytes = 0;
        foreach (var blob in orphans)
        {
            await store.DeleteAsync(StoredBlob.Key(blob.WorkspaceId, blob.Sha256), ct);
            await store.DeleteAsync(StoredBlob.ThumbnailKey(blob.WorkspaceId, blob.Sha256), ct);
            db.StoredBlobs.Remove(blob);
            bytes += blob.Size;
        }
        await db.SaveChangesAsync(ct);
        return new PurgeResult(datasets, orphans.Count, bytes, uploads.Count);
    }
}

public sealed record PurgeResult(int Datasets, int Blobs, long Bytes, int Uploads);
