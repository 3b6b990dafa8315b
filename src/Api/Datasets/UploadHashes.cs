using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Datasets;

/// <summary>
/// Hashes uploads as their chunks arrive so completing a 10 GB upload does not read it all again. When this process
/// did not see every chunk (a restart, another api replica), completion falls back to reading the stored chunks.
/// </summary>
public sealed class UploadHashes
{
    private readonly ConcurrentDictionary<Guid, Running> _running = new();

    public void Append(Guid uploadId, long offset, ReadOnlySpan<byte> data)
    {
        if (offset == 0) _running[uploadId] = new Running();
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
    }
}
