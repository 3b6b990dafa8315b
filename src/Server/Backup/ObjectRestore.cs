using Platform.Storage.Objects;

namespace Platform.Server.Backup;

/// <summary>Checks every object of a backup against its index, and puts them into the configured store.</summary>
public static class ObjectRestore
{
    /// <summary>Reads every object once and compares size and SHA-256 with the index, before anything is changed.</summary>
    public static async Task VerifyAsync(string folder, BackupObjects expected, BackupProgress progress, CancellationToken ct)
    {
        await FileHashes.VerifyAsync(folder, expected.Index, ct);
        var source = new FolderObjectStore(Path.Combine(folder, BackupManifest.ObjectFolder));
        long count = 0, bytes = 0;
        await foreach (var entry in ObjectIndex.ReadAsync(Path.Combine(folder, expected.Index.Name), ct))
        {
            Stream content;
            try { content = await source.OpenReadAsync(entry.Key, ct); }
            catch (ObjectNotFoundException) { throw new BackupException($"The backup is incomplete: object {entry.Key} is missing from its objects folder. Nothing was changed."); }
            await using (var hashing = new HashingStream(content))
            {
                await hashing.CopyToAsync(Stream.Null, ct);
                if (hashing.BytesRead != entry.Bytes || hashing.HashHex() != entry.Sha256)
                    throw new BackupException($"The backup is damaged: object {entry.Key} has {hashing.BytesRead} bytes and SHA-256 {hashing.HashHex()}; " +
                        $"the index recorded {entry.Bytes} bytes and {entry.Sha256}. Nothing was changed.");
            }
            bytes += entry.Bytes;
            progress.Objects("checked", ++count, expected.Count, bytes);
        }
        if (count != expected.Count || bytes != expected.Bytes)
            throw new BackupException($"The backup's object index lists {count} objects ({bytes} bytes); the manifest recorded {expected.Count} ({expected.Bytes} bytes). Nothing was changed.");
    }

    public static async Task<bool> IsEmptyAsync(IObjectStore store, CancellationToken ct)
    {
        await foreach (var _ in store.ListAsync("", ct)) return false;
        return true;
    }

    /// <summary>Puts every object; with <paramref name="removeOthers"/> deletes the store's objects the backup does not have.</summary>
    public static async Task CopyAsync(string folder, BackupObjects expected, IObjectStore target, bool removeOthers, BackupProgress progress, CancellationToken ct)
    {
        var source = new FolderObjectStore(Path.Combine(folder, BackupManifest.ObjectFolder));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long count = 0, bytes = 0;
        await foreach (var entry in ObjectIndex.ReadAsync(Path.Combine(folder, expected.Index.Name), ct))
        {
            await using (var content = await source.OpenReadAsync(entry.Key, ct))
                await target.PutUnsyncedAsync(entry.Key, content, entry.Bytes, ct: ct);
            if (removeOthers) keys.Add(entry.Key);
            bytes += entry.Bytes;
            progress.Objects("restored", ++count, expected.Count, bytes);
        }
        await target.SyncAsync(ct);
        if (!removeOthers) return;
        var others = new List<string>();
        await foreach (var info in target.ListAsync("", ct))
            if (!keys.Contains(info.Key)) others.Add(info.Key);
        foreach (var key in others) await target.DeleteAsync(key, ct);
        if (others.Count > 0) progress.Line($"  removed {others.Count:N0} object(s) the backup does not have");
    }
}
