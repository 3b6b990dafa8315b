using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Storage.Blobs;

/// <summary>Reads an upload's chunks back as one stream, in offset order, following the chain from offset 0.</summary>
public static class UploadParts
{
    public static async Task<Stream> OpenAsync(IObjectStore store, Upload upload, CancellationToken ct)
    {
        var parts = new Dictionary<long, ObjectInfo>();
        await foreach (var info in store.ListAsync(upload.PartsPrefix, ct))
            if (long.TryParse(info.Key[upload.PartsPrefix.Length..], out var offset)) parts[offset] = info;
        var chain = new List<string>();
        for (long offset = 0; offset < upload.ReceivedBytes;)
        {
            if (!parts.TryGetValue(offset, out var part) || part.Size == 0)
                throw new InvalidOperationException($"The upload '{upload.FileName}' is missing its data at offset {offset}; upload the file again.");
            chain.Add(part.Key);
            offset += part.Size;
        }
        return new ConcatenatedStream(chain, store, upload.ReceivedBytes);
    }

    public static async Task DeleteAsync(IObjectStore store, Upload upload, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(upload.PartsPrefix, ct)) keys.Add(info.Key);
        foreach (var key in keys) await store.DeleteAsync(key, ct);
    }

    private sealed class ConcatenatedStream(IReadOnlyList<string> keys, IObjectStore store, long length) : ForwardOnlyStream
    {
        private int _next;
        private Stream? _current;
        private long _position;

        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        /// <summary>
        /// Returns 0 only at the end of the last part. An empty buffer reads nothing and must not be taken for the end of
        /// a part (TarReader asks for 0 bytes when an entry needs no padding; that used to skip the rest of the part).
        /// </summary>
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (buffer.IsEmpty) return 0;
            while (true)
            {
                if (_current is null)
                {
                    if (_next >= keys.Count) return 0;
                    _current = await store.OpenReadAsync(keys[_next++], ct);
                }
                var read = await _current.ReadAsync(buffer, ct);
                if (read > 0)
                {
                    _position += read;
                    return read;
                }
                await _current.DisposeAsync();
                _current = null;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _current?.Dispose();
            base.Dispose(disposing);
        }
    }
}
