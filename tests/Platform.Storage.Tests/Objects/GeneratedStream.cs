namespace Platform.Storage.Tests.Objects;

/// <summary>
/// Deterministic pseudo-random bytes of a given length that hides its length and cannot seek, like a request
/// body of unknown size. Two instances with the same seed produce the same bytes.
/// </summary>
internal sealed class GeneratedStream(long length, int seed) : Stream
{
    private readonly Random random = new(seed);
    private long produced;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Short reads on purpose: callers must loop, as with a network stream.
        var n = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), length - produced);
        random.NextBytes(buffer[..n]);
        produced += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
