using Platform.Storage.Objects;

namespace Platform.Server.Backup;

/// <summary>Copies every object of the store, through <see cref="IObjectStore"/> (folder or S3), into DIR/objects/&lt;key&gt;.</summary>
public static class ObjectBackup
{
    public static async Task<BackupObjects> CopyAsync(IObjectStore source, string folder, BackupProgress progress, CancellationToken ct)
    {
        var target = new FolderObjectStore(Path.Combine(folder, BackupManifest.ObjectFolder));
        var indexPath = Path.Combine(folder, BackupManifest.ObjectIndexFile);
        long count = 0, bytes = 0, vanished = 0;
        await using (var index = new FileStream(indexPath, FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(index))
        {
            await foreach (var info in source.ListAsync("", ct))
            {
                Stream content;
                try { content = await source.OpenReadAsync(info.Key, ct); }
                catch (ObjectNotFoundException) { vanished++; continue; } // deleted since it was listed
                await using (var hashing = new HashingStream(content))
                {
                    await target.PutUnsyncedAsync(info.Key, hashing, ct: ct);
                    await writer.WriteAsync(ObjectIndex.Format(new ObjectIndex.Entry(hashing.HashHex(), hashing.BytesRead, info.Key)));
                    bytes += hashing.BytesRead;
                }
                progress.Objects("copied", ++count, null, bytes);
            }
            await writer.FlushAsync(ct);
            index.Flush(flushToDisk: true);
        }
        await target.SyncAsync(ct);
        // Only the store's sync marker is left there: the backup holds objects and nothing else.
        var staging = Path.Combine(target.Root, FolderObjectStore.StagingFolder);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        if (vanished > 0) progress.Line($"  {vanished} object(s) were deleted while the backup ran and are not in it");
        return new BackupObjects(count, bytes, await FileHashes.DescribeAsync(folder, BackupManifest.ObjectIndexFile, ct));
    }
}
