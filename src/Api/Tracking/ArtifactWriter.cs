using Microsoft.Extensions.Options;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Tracking;

/// <summary>
/// Stores and deletes the files of a tracked run. Bytes go to the object store as they arrive (never whole in memory)
/// with no lock held; the row is then written under the run's artifact lock, where the per-run count and the
/// file-or-folder rule are settled and the size is read back from the store, so concurrent writers of one path
/// leave one row that describes the file that won.
/// </summary>
public sealed class ArtifactWriter(PlatformDb db, IObjectStore store, StorageUsage usage, DatabaseLocks locks, IOptions<TrackingOptions> options, TimeProvider clock)
{
    /// <param name="length">The byte count when known (a request's Content-Length); the store checks it.</param>
    /// <param name="consumed">The completed upload these bytes come from: removed in the same save, so its reserved space becomes the artifact's.</param>
    /// <returns>The artifact, and whether its path is new to the run.</returns>
    public async Task<(RunArtifact Artifact, bool Created)> WriteAsync(Run run, string path, Stream content, long? length, Upload? consumed, CancellationToken ct)
    {
        var key = RunArtifact.KeyOf(run.WorkspaceId, run.Id, path);
        var replaced = await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == run.Id && a.Path == path).Select(a => (long?)a.Size).SingleOrDefaultAsync(ct);
        // Refused before any byte is stored where possible; settled again when the row is written.
        if (replaced is null) await EnsureRoomForAsync(run, path, ct);
        var storage = await usage.GetAsync(run.WorkspaceId, ct);
        var free = storage.QuotaBytes > 0 ? Math.Max(0, storage.QuotaBytes - storage.UsedBytes + (replaced ?? 0) + (consumed?.Size ?? 0)) : (long?)null;
        if (length > free) throw new QuotaExceededException(storage, length.Value);
        var bounded = free is { } max ? new BoundedStream(content, max) : null;
        try
        {
            await store.PutAsync(key, bounded ?? content, length, ArtifactContentTypes.Of(path), ct);
        }
        catch (Exception) when (bounded is { Exceeded: true })
        {
            throw new QuotaExceededException(storage, bounded.BytesRead);
        }
        return await SaveAsync(run, path, key, consumed, ct);
    }

    /// <summary>False when the run has no file at the path.</summary>
    public async Task<bool> DeleteAsync(Run run, string path, CancellationToken ct)
    {
        await using var _ = await LockAsync(run, ct);
        var artifact = await db.RunArtifacts.SingleOrDefaultAsync(a => a.RunId == run.Id && a.Path == path, ct);
        if (artifact is null) return false;
        db.RunArtifacts.Remove(artifact);
        await db.SaveChangesAsync(ct);
        // After the row: a crash in between leaves an unlisted object, never a listed file that cannot be read.
        await store.DeleteAsync(artifact.Key, ct);
        return true;
    }

    private async Task<(RunArtifact, bool)> SaveAsync(Run run, string path, string key, Upload? consumed, CancellationToken ct)
    {
        await using var _ = await LockAsync(run, ct);
        var artifact = await db.RunArtifacts.SingleOrDefaultAsync(a => a.RunId == run.Id && a.Path == path, ct);
        var created = artifact is null;
        try
        {
            if (created) await EnsureRoomForAsync(run, path, ct);
            var stored = await store.StatAsync(key, ct)
                ?? throw new IllegalStateChangeException($"The artifact '{path}' was deleted while it was being written; write it again.");
            var now = clock.GetUtcNow();
            if (artifact is null) db.RunArtifacts.Add(artifact = new RunArtifact(run.WorkspaceId, run.Id, path, stored.Size, ArtifactContentTypes.Of(path), now));
            else artifact.Replace(stored.Size, ArtifactContentTypes.Of(path), now);
            if (consumed is not null) db.Uploads.Remove(consumed);
            await db.SaveChangesAsync(ct);
            return (artifact, created);
        }
        catch (Exception ex) when (ex is IllegalStateChangeException or DbUpdateException)
        {
            if (created) await store.DeleteAsync(key, CancellationToken.None);
            if (ex is DbUpdateConcurrencyException) throw new IllegalStateChangeException("The upload was attached by another request meanwhile.");
            throw;
        }
    }

    private async Task EnsureRoomForAsync(Run run, string path, CancellationToken ct)
    {
        var max = options.Value.MaxArtifactsPerRun;
        if (await db.RunArtifacts.CountAsync(a => a.RunId == run.Id, ct) >= max)
            throw new IllegalStateChangeException($"A run holds at most {max:N0} artifacts; delete some, or pack files into an archive.");
        // A path is a file or a folder, never both (the folder store could not hold both, and MLflow's listing neither).
        var folders = ArtifactPaths.Folders(path);
        var below = path + "/";
        var candidates = db.RunArtifacts.AsNoTracking().Where(a => a.RunId == run.Id && (folders.Contains(a.Path) || a.Path.StartsWith(below)))
            .Select(a => a.Path).AsAsyncEnumerable();
        string? clash = null;
        // Compared again exactly, as SQLite's LIKE ignores case; the first exact one ends the reading.
        await foreach (var near in candidates.WithCancellation(ct))
            if (folders.Contains(near, StringComparer.Ordinal) || near.StartsWith(below, StringComparison.Ordinal)) { clash = near; break; }
        if (clash is not null)
            throw new IllegalStateChangeException(clash.Length < path.Length
                ? $"'{clash}' is a file of the run, so it cannot also be a folder holding '{path}'."
                : $"'{path}' is a folder of the run (it holds '{clash}'), so it cannot also be a file.");
    }

    private Task<IAsyncDisposable> LockAsync(Run run, CancellationToken ct) => locks.AcquireAsync($"artifacts:{run.Id:N}", ct);
}
