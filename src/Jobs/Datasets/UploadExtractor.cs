using Microsoft.Extensions.Options;
using Platform.Datasets.Archives;
using Platform.Datasets.Formats;
using Platform.Storage.Blobs;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Turns uploads into source files stored as content-addressed blobs: archives are expanded (with safety limits), other
/// files kept whole. New bytes count against the storage quota as they are expanded; the uploads themselves are not
/// counted, since they are deleted when the import succeeds.
/// </summary>
public sealed class UploadExtractor(IObjectStore store, BlobStore blobs, StorageUsage usage, IOptions<DatasetStorageOptions> options)
{
    public async Task<List<SourceFile>> ExtractAsync(Guid workspaceId, IReadOnlyList<Upload> uploads, Func<string, Task> progress, CancellationToken ct)
    {
        var limits = new ArchiveLimits(options.Value.MaxExpandedBytes, options.Value.MaxArchiveEntries, options.Value.MaxCompressionRatio);
        var free = await usage.FreeBytesAsync(workspaceId, uploads.Sum(u => u.Size), ct);
        Stream Guard(Stream entry, string name) => free is { } f ? new QuotaGuardStream(entry, name, f - blobs.NewBytes) : entry;
        var files = new List<SourceFile>();
        foreach (var upload in uploads)
        {
            await using var content = await UploadParts.OpenAsync(store, upload, ct);
            if (free is { } room && room - blobs.NewBytes < BlobStore.BatchBytes) await blobs.SettleAsync(ct);
            if (!ArchiveReader.IsArchive(upload.FileName))
            {
                var (sha, size) = await blobs.PutAsync(workspaceId, Guard(content, upload.FileName), ct);
                files.Add(new SourceFile(upload.FileName, size, sha));
                continue;
            }
            // A zip's directory is at its end, so it needs a seekable copy; tar.gz streams.
            await using var seekable = upload.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? TempFile.Create() : null;
            if (seekable is not null)
            {
                await content.CopyToAsync(seekable, ct);
                seekable.Position = 0;
            }
            await ArchiveReader.ReadAsync(seekable ?? content, upload.FileName, limits, async (path, entry, token) =>
            {
                // Near the quota, each entry's room is counted exactly (content stored before is not new).
                if (free is { } near && near - blobs.NewBytes < BlobStore.BatchBytes) await blobs.SettleAsync(token);
                var (sha, size) = await blobs.PutAsync(workspaceId, Guard(entry, path), token);
                if (free is { } f && blobs.NewBytes > f) throw QuotaGuardStream.Exceeded(path, f);
                files.Add(new SourceFile(path, size, sha));
                if (files.Count % 200 == 0) await progress($"Unpacked {files.Count:N0} files from {upload.FileName}");
            }, ct);
        }
        await blobs.FlushAsync(ct);
        return files;
    }
}
