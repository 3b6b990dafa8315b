using System.Security.Cryptography;
using Platform.Datasets.Samples;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Datasets;

/// <summary>"Add sample dataset": generates the sample, stores it as a completed upload and starts its import, like any upload.</summary>
public sealed class SampleDatasetStarter(PlatformDb db, IObjectStore store, StorageUsage usage, OperationStarter starter, ResourceEvents live, TimeProvider clock)
{
    public async Task<Operation> StartAsync(WorkspaceMember member, DatasetKind kind, CancellationToken ct)
    {
        var (name, fileName, description) = kind switch
        {
            DatasetKind.ObjectDetection => ("Sample shapes (detection)", "sample-detection.zip", "Generated scenes of circles, squares and triangles with boxes (COCO)."),
            DatasetKind.Table => ("Sample flowers (table)", "sample-flowers.csv", "Generated flower measurements; the target column is species."),
            _ => ("Sample shapes", "sample-shapes.zip", "Generated 64×64 images of circles, squares and triangles, a folder per class."),
        };
        var content = new MemoryStream();
        switch (kind)
        {
            case DatasetKind.ObjectDetection: SampleDatasets.WriteDetectionZip(content); break;
            case DatasetKind.Table: SampleDatasets.WriteTableCsv(content); break;
            default: SampleDatasets.WriteShapesZip(content); break;
        }
        await using var storageLock = await usage.LockAsync(member.WorkspaceId, ct);
        await usage.EnsureRoomAsync(member.WorkspaceId, content.Length, ct);

        var now = clock.GetUtcNow();
        var dataset = new Dataset(member.WorkspaceId, name, description, member.UserId, now);
        var upload = new Upload(member.WorkspaceId, fileName, content.Length, null, member.UserId, now);
        content.Position = 0;
        await store.PutAsync(upload.PartKey(0), content, content.Length, null, ct);
        upload.Receive(0, content.Length, now);
        upload.Complete(Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length))), now);
        db.Datasets.Add(dataset);
        db.Audit(clock, AuditActions.DatasetCreated, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), dataset.Name, "sample");
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(ct);
        await storageLock.DisposeAsync();
        await live.DatasetChangedAsync(member.WorkspaceId, dataset.Id, "created", ct);
        return await starter.StartAsync(member, OperationKinds.ImportDataset, dataset.Id, new StartImportRequest([upload.Id]), ct,
            (AuditActions.DatasetImportStarted, dataset.Name));
    }
}
