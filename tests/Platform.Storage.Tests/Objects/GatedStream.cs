namespace Platform.Storage.Tests.Objects;

/// <summary>Yields its first bytes, then blocks until <see cref="Release"/>; for watching a put in progress.</summary>
internal sealed class GatedStream(byte[] head, byte[] tail) : Stream
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource headRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    /// <summary>Completes once the store has read every byte before the gate.</summary>
    public Task HeadRead => headRead.Task;

    public void Release() => gate.TrySetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position == head.Length)
        {
            headRead.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }
        var (source, start) = position < head.Length ? (head, position) : (tail, position - head.Length);
        var n = Math.Min(buffer.Length, source.Length - start);
        source.AsSpan(start, n).CopyTo(buffer.Span);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
