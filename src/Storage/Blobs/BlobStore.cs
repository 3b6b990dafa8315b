using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Storage.Blobs;

/// <summary>
/// Content-addressed blobs of a workspace: a file is stored once under its SHA-256 however many items, versions and
/// datasets use it. Objects are written before their <see cref="StoredBlob"/> rows (flushed in batches), so a row
/// always has its object; an object left without a row by a crash is simply written again by the next import.
/// Not thread-safe: one instance per import.
/// </summary>
public sealed class BlobStore(IObjectStore store, PlatformDb db, TimeProvider clock)
{
    private const int InMemoryLimit = 16 * 1024 * 1024;
    private const int FlushEvery = 500;
    private readonly HashSet<string> _known = [];
    private readonly List<StoredBlob> _pending = [];

    /// <summary>Bytes of blobs this instance stored that were not stored before.</summary>
    public long NewBytes { get; private set; }

    public async Task<(string Sha256, long Size)> PutAsync(Guid workspaceId, Stream content, CancellationToken ct)
    {
        await using var buffered = await BufferAsync(content, ct);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffered, ct));
        var size = buffered.Length;
        if (!_known.Add(sha) || await db.StoredBlobs.AnyAsync(b => b.WorkspaceId == workspaceId && b.Sha256 == sha, ct)) return (sha, size);
        buffered.Position = 0;
        await store.PutAsync(StoredBlob.Key(workspaceId, sha), buffered, size, null, ct);
        _pending.Add(new StoredBlob(workspaceId, sha, size, clock.GetUtcNow()));
        NewBytes += size;
        if (_pending.Count >= FlushEvery) await FlushAsync(ct);
        return (sha, size);
    }

    public Task<Stream> OpenAsync(Guid workspaceId, string sha256, CancellationToken ct) =>
        store.OpenReadAsync(StoredBlob.Key(workspaceId, sha256), ct);

    /// <summary>Writes the rows of blobs stored so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        db.StoredBlobs.AddRange(_pending);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another import stored some of the same content at the same moment: keep only the rows still missing.
            foreach (var blob in _pending) db.Entry(blob).State = EntityState.Detached;
            foreach (var blob in _pending)
                if (!await db.StoredBlobs.AnyAsync(b => b.WorkspaceId == blob.WorkspaceId && b.Sha256 == blob.Sha256, ct))
                    db.StoredBlobs.Add(blob);
            await db.SaveChangesAsync(ct);
        }
        foreach (var blob in _pending) db.Entry(blob).State = EntityState.Detached;
        _pending.Clear();
    }

    /// <summary>Small content stays in memory; larger content goes to a temporary file deleted on dispose.</summary>
    private static async Task<Stream> BufferAsync(Stream content, CancellationToken ct)
    {
        var memory = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            await memory.WriteAsync(chunk.AsMemory(0, read), ct);
            if (memory.Length <= InMemoryLimit) continue;
            var file = TempFile.Create();
            memory.Position = 0;
            await memory.CopyToAsync(file, ct);
            await content.CopyToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        memory.Position = 0;
        return memory;
    }
}
