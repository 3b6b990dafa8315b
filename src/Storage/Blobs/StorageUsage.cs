using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Storage.Data;
using Platform.Contracts;

namespace Platform.Storage.Blobs;

/// <summary>What a workspace stores (blobs plus bytes of uploads not yet imported) against its quota.</summary>
public sealed class StorageUsage(PlatformDb db, IOptions<DatasetStorageOptions> options)
{
    public async Task<StorageDto> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        var blobs = db.StoredBlobs.Where(b => b.WorkspaceId == workspaceId);
        var blobBytes = await blobs.SumAsync(b => b.Size, ct);
        var blobCount = await blobs.CountAsync(ct);
        var uploads = await db.Uploads.Where(u => u.WorkspaceId == workspaceId).SumAsync(u => u.ReceivedBytes, ct);
        var quota = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.StorageQuotaBytes).SingleAsync(ct);
        return new StorageDto(blobBytes + uploads, quota ?? options.Value.QuotaBytes, blobCount);
    }

    /// <summary>Throws <see cref="QuotaExceededException"/> when <paramref name="moreBytes"/> would pass the quota (0 = no limit).</summary>
    public async Task EnsureRoomAsync(Guid workspaceId, long moreBytes, CancellationToken ct)
    {
        var usage = await GetAsync(workspaceId, ct);
        if (usage.QuotaBytes > 0 && usage.UsedBytes + moreBytes > usage.QuotaBytes)
            throw new QuotaExceededException(usage, moreBytes);
    }
}

public sealed class QuotaExceededException(StorageDto usage, long moreBytes) : Exception(
    $"The workspace's storage quota is {Bytes(usage.QuotaBytes)} and {Bytes(usage.UsedBytes)} is used; {Bytes(moreBytes)} more does not fit. " +
    "Delete datasets you no longer need or ask an administrator for a larger quota.")
{
    private static string Bytes(long b) => b >= 1L << 30 ? $"{b / (double)(1L << 30):0.##} GiB" : b >= 1 << 20 ? $"{b / (double)(1 << 20):0.#} MiB" : $"{b / 1024.0:0.#} KiB";
}
