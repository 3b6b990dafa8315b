using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Storage.Data;
using Platform.Contracts;

namespace Platform.Storage.Blobs;

/// <summary>
/// What a workspace stores against its quota: blobs and run artifacts, plus uploads not yet imported at their declared
/// size (an upload reserves its whole size when it is created, so parallel uploads cannot together pass the quota).
/// </summary>
public sealed class StorageUsage(PlatformDb db, IOptions<DatasetStorageOptions> options, DatabaseLocks locks)
{
    public async Task<StorageDto> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        var blobs = db.StoredBlobs.Where(b => b.WorkspaceId == workspaceId);
        var blobBytes = await blobs.SumAsync(b => b.Size, ct);
        var blobCount = await blobs.CountAsync(ct);
        var uploads = await db.Uploads.Where(u => u.WorkspaceId == workspaceId).SumAsync(u => u.Size, ct);
        var artifacts = await db.RunArtifacts.Where(a => a.WorkspaceId == workspaceId).SumAsync(a => a.Size, ct);
        var quota = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.StorageQuotaBytes).SingleAsync(ct);
        return new StorageDto(blobBytes + uploads + artifacts, quota ?? options.Value.QuotaBytes, blobCount);
    }

    /// <summary>Throws <see cref="QuotaExceededException"/> when <paramref name="moreBytes"/> would pass the quota (0 = no limit).</summary>
    public async Task EnsureRoomAsync(Guid workspaceId, long moreBytes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(moreBytes);
        var usage = await GetAsync(workspaceId, ct);
        // Compared as a difference: used + more overflows for a declared size near long.MaxValue.
        if (usage.QuotaBytes > 0 && moreBytes > usage.QuotaBytes - usage.UsedBytes)
            throw new QuotaExceededException(usage, moreBytes);
    }

    /// <summary>
    /// The workspace's storage lock: hold it from checking room until the reservation (an upload row) is saved, so
    /// two requests cannot both see the same free space.
    /// </summary>
    public Task<IAsyncDisposable> LockAsync(Guid workspaceId, CancellationToken ct) => locks.AcquireAsync($"storage:{workspaceId:N}", ct);

    /// <summary>Bytes still free under the quota, not counting <paramref name="excludingBytes"/> already counted as used; null without a quota.</summary>
    public async Task<long?> FreeBytesAsync(Guid workspaceId, long excludingBytes, CancellationToken ct)
    {
        var usage = await GetAsync(workspaceId, ct);
        return usage.QuotaBytes > 0 ? Math.Max(0, usage.QuotaBytes - usage.UsedBytes + excludingBytes) : null;
    }
}

public sealed class QuotaExceededException(StorageDto usage, long moreBytes) : Exception(
    $"The workspace's storage quota is {Bytes(usage.QuotaBytes)} and {Bytes(usage.UsedBytes)} is used; {Bytes(moreBytes)} more does not fit. " +
    "Delete datasets you no longer need or ask an administrator for a larger quota.")
{
    private static string Bytes(long b) => b >= 1L << 30 ? $"{b / (double)(1L << 30):0.##} GiB" : b >= 1 << 20 ? $"{b / (double)(1 << 20):0.#} MiB" : $"{b / 1024.0:0.#} KiB";
}
