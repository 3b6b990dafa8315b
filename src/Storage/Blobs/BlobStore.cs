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
/// Small blobs are written in the background, several at a time (a durable write is mostly waiting for the disk or
/// the network); <see cref="FlushAsync"/> waits for them before their rows are written.
/// Not thread-safe: one instance per import.
/// </summary>
public sealed class BlobStore(IObjectStore store, PlatformDb db, TimeProvider clock) : IAsyncDisposable
{
    private const int InMemoryLimit = 16 * 1024 * 1024;
    private const int FlushEvery = 500;
    private const int ParallelWrites = 8;
    private readonly HashSet<string> _known = [];
    private readonly List<StoredBlob> _pending = [];
    private readonly List<Task> _writing = [];
    private readonly SemaphoreSlim _writers = new(ParallelWrites);

    /// <summary>Bytes of blobs this instance stored that were not stored before.</summary>
    public long NewBytes { get; private set; }

    public async Task<(string Sha256, long Size)> PutAsync(Guid workspaceId, Stream content, CancellationToken ct)
    {
        var buffered = await BufferAsync(content, ct);
        string sha;
        long size;
        try
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffered, ct));
            size = buffered.Length;
            buffered.Position = 0;
            if (!_known.Add(sha) || await db.StoredBlobs.AnyAsync(b => b.WorkspaceId == workspaceId && b.Sha256 == sha, ct))
            {
                await buffered.DisposeAsync();
                return (sha, size);
            }
        }
        catch
        {
            await buffered.DisposeAsync();
            throw;
        }
        var key = StoredBlob.Key(workspaceId, sha);
        if (buffered is MemoryStream)
        {
            await _writers.WaitAsync(ct);
            _writing.Add(WriteAsync(key, buffered, size, ct));
        }
        else
        {
            await using (buffered) await store.PutAsync(key, buffered, size, null, ct);
        }
        _pending.Add(new StoredBlob(workspaceId, sha, size, clock.GetUtcNow()));
        NewBytes += size;
        if (_pending.Count >= FlushEvery) await FlushAsync(ct);
        return (sha, size);
    }

    public Task<Stream> OpenAsync(Guid workspaceId, string sha256, CancellationToken ct) =>
        store.OpenReadAsync(StoredBlob.Key(workspaceId, sha256), ct);

    private async Task WriteAsync(string key, Stream content, long size, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await using (content) await store.PutAsync(key, content, size, null, ct);
        }
        finally { _writers.Release(); }
    }

    /// <summary>Waits for the blobs being written, then writes their rows.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var writing = _writing.ToArray();
        _writing.Clear();
        await Task.WhenAll(writing);
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

    /// <summary>Lets background writes end (a failed import must not leave them running); their rows are not written.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await Task.WhenAll(_writing); }
        catch (Exception) { /* the import already failed for a reason of its own */ }
        _writers.Dispose();
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
