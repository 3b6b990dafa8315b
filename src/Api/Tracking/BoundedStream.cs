using Platform.Storage.Objects;

namespace Platform.Api.Tracking;

/// <summary>Reads through to <paramref name="inner"/> and fails once more than <paramref name="max"/> bytes came (the free quota).</summary>
internal sealed class BoundedStream(Stream inner, long max) : ForwardOnlyStream
{
    public long BytesRead { get; private set; }
    public bool Exceeded { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = await inner.ReadAsync(buffer, ct);
        BytesRead += read;
        if (BytesRead <= max) return read;
        Exceeded = true;
        throw new IOException($"The content is larger than the {max:N0} bytes free under the storage quota.");
    }
}
