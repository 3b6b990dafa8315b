using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Storage.Blobs;

/// <summary>
/// Content-addressed blobs of a workspace: a file is stored once under its SHA-256 however many items, versions and
/// datasets use it. Small blobs are checked against the database a batch at a time and written in the background,
/// several at a time, without waiting for the disk; <see cref="FlushAsync"/> waits for them, makes them durable with
/// one sync of the store, and only then writes their <see cref="StoredBlob"/> rows, so a row always has its durable
/// object. An object left without a row by a crash is simply written again by the next import.
/// Not thread-safe: one instance per import.
/// </summary>
public sealed class BlobStore(IObjectStore store, PlatformDb db, TimeProvider clock) : IAsyncDisposable
{
    private const int InMemoryLimit = 16 * 1024 * 1024;
    private const int FlushEvery = 2000;
    private const int BatchCount = 256;
    /// <summary>At most this many bytes wait in a batch; within it <see cref="NewBytes"/> may count content stored before.</summary>
    public const long BatchBytes = 32 * 1024 * 1024;
    private const int ParallelWrites = 8;
    private readonly HashSet<string> _known = [];
    private readonly List<StoredBlob> _pending = [];
    private readonly List<(Guid WorkspaceId, string Sha, Stream Content, long Size)> _batch = [];
    private long _batchBytes;
    private readonly List<Task> _writing = [];
    private readonly SemaphoreSlim _writers = new(ParallelWrites);

    /// <summary>
    /// Bytes of blobs this instance stored that were not stored before, counting the waiting batch as new until it is
    /// checked (at most <see cref="BatchBytes"/> too many); after <see cref="SettleAsync"/> it is exact.
    /// </summary>
    public long NewBytes { get; private set; }

    /// <summary>Checks the waiting batch against the database now, so that <see cref="NewBytes"/> is exact (near a quota).</summary>
    public Task SettleAsync(CancellationToken ct) => WriteBatchAsync(ct);

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
        }
        catch
        {
            await buffered.DisposeAsync();
            throw;
        }
        if (!_known.Add(sha))
        {
            await buffered.DisposeAsync();
            return (sha, size);
        }
        if (buffered is not MemoryStream)
        {
            // Large content (in a temporary file) is rare: checked and written on its own.
            await using (buffered)
            {
                if (await db.StoredBlobs.AnyAsync(b => b.WorkspaceId == workspaceId && b.Sha256 == sha, ct)) return (sha, size);
                await store.PutUnsyncedAsync(StoredBlob.Key(workspaceId, sha), buffered, size, null, ct);
            }
            Record(workspaceId, sha, size);
        }
        else
        {
            _batch.Add((workspaceId, sha, buffered, size));
            _batchBytes += size;
            NewBytes += size;
            if (_batch.Count >= BatchCount || _batchBytes >= BatchBytes) await WriteBatchAsync(ct);
        }
        if (_pending.Count >= FlushEvery) await FlushAsync(ct);
        return (sha, size);
    }

    public Task<Stream> OpenAsync(Guid workspaceId, string sha256, CancellationToken ct) =>
        store.OpenReadAsync(StoredBlob.Key(workspaceId, sha256), ct);

    /// <summary>One query tells which of the batch are stored already; the others are written in the background.</summary>
    private async Task WriteBatchAsync(CancellationToken ct)
    {
        if (_batch.Count == 0) return;
        var batch = _batch.ToList();
        _batch.Clear();
        _batchBytes = 0;
        var shas = batch.Select(b => b.Sha).ToList();
        var workspaces = batch.Select(b => b.WorkspaceId).Distinct().ToList();
        var stored = (await db.StoredBlobs.AsNoTracking().Where(b => workspaces.Contains(b.WorkspaceId) && shas.Contains(b.Sha256))
            .Select(b => new { b.WorkspaceId, b.Sha256 }).ToListAsync(ct)).Select(b => (b.WorkspaceId, b.Sha256)).ToHashSet();
        foreach (var (workspaceId, sha, content, size) in batch)
        {
            if (stored.Contains((workspaceId, sha)))
            {
                NewBytes -= size;
                await content.DisposeAsync();
                continue;
            }
            await _writers.WaitAsync(ct);
            _writing.Add(WriteAsync(StoredBlob.Key(workspaceId, sha), content, size, ct));
            _pending.Add(new StoredBlob(workspaceId, sha, size, clock.GetUtcNow()));
        }
    }

    private void Record(Guid workspaceId, string sha, long size)
    {
        _pending.Add(new StoredBlob(workspaceId, sha, size, clock.GetUtcNow()));
        NewBytes += size;
    }

    private async Task WriteAsync(string key, Stream content, long size, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await using (content) await store.PutUnsyncedAsync(key, content, size, null, ct);
        }
        finally { _writers.Release(); }
    }

    /// <summary>Writes the last batch, waits for the blobs being written, makes them durable, then writes their rows.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await WriteBatchAsync(ct);
        var writing = _writing.ToArray();
        _writing.Clear();
        await Task.WhenAll(writing);
        // Also makes durable what others wrote unsynced for this import (its thumbnails).
        await store.SyncAsync(ct);
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
        foreach (var (_, _, content, _) in _batch) await content.DisposeAsync();
        _batch.Clear();
        _writers.Dispose();
    }

    /// <summary>Small content stays in memory; larger content goes to a temporary file deleted on dispose.</summary>
    private static async Task<Stream> BufferAsync(Stream content, CancellationToken ct)
    {
        var memory = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
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
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(chunk); }
        memory.Position = 0;
        return memory;
    }
}
