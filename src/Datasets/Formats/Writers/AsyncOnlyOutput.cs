namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Keeps synchronous writes off the real output (an HTTP response body refuses them). ZipArchive still writes a few
/// bytes synchronously when an entry closes (the end of the deflate stream, the data descriptor); those are parked
/// here and written asynchronously before the next asynchronous write or by <see cref="DrainAsync"/>.
/// </summary>
internal sealed class AsyncOnlyOutput(Stream inner) : Stream
{
    private readonly MemoryStream parked = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The most bytes parked at once (for tests: parking must stay small).</summary>
    public long MostParked { get; private set; }

    public async Task DrainAsync(CancellationToken ct)
    {
        if (parked.Length > 0)
        {
            await inner.WriteAsync(parked.GetBuffer().AsMemory(0, (int)parked.Length), ct);
            parked.SetLength(0);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        parked.Write(buffer);
        MostParked = Math.Max(MostParked, parked.Length);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
