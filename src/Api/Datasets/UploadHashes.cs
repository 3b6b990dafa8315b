using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Datasets;

/// <summary>
/// Hashes uploads as their chunks arrive so completing a 10 GB upload does not read it all again. When this process
/// did not see every chunk (a restart, another api replica, an upload left idle), completion falls back to reading
/// the stored chunks.
/// </summary>
public sealed class UploadHashes(TimeProvider clock)
{
    /// <summary>Uploads left longer than this are forgotten, so abandoned ones do not hold memory until a restart.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, Running> _running = new();

    /// <summary>How many uploads are being hashed as they arrive.</summary>
    public int InProgress => _running.Count;

    public void Append(Guid uploadId, long offset, ReadOnlySpan<byte> data)
    {
        var now = clock.GetUtcNow();
        if (offset == 0)
        {
            ForgetIdle(now);
            _running[uploadId] = new Running { LastChunkAt = now };
        }
        if (!_running.TryGetValue(uploadId, out var running)) return;
        lock (running)
        {
            if (running.Covered != offset)
            {
                _running.TryRemove(uploadId, out _);
                return;
            }
            running.Hash.AppendData(data);
            running.Covered += data.Length;
            running.LastChunkAt = now;
        }
    }

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var (id, running) in _running)
        {
            // Not disposed here: a chunk of that upload may be hashing right now; the collector frees it.
            if (now - running.LastChunkAt > IdleLimit) _running.TryRemove(id, out _);
        }
    }

    public async Task<string> FinishAsync(IObjectStore store, Upload upload, CancellationToken ct)
    {
        if (_running.TryRemove(upload.Id, out var running))
        {
            lock (running)
                if (running.Covered == upload.Size) return Convert.ToHexStringLower(running.Hash.GetHashAndReset());
        }
        await using var content = await UploadParts.OpenAsync(store, upload, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
    }

    public void Forget(Guid uploadId) => _running.TryRemove(uploadId, out _);

    private sealed class Running
    {
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public long Covered { get; set; }
        public DateTimeOffset LastChunkAt { get; set; }
    }
}
