namespace Platform.Datasets.Archives;

/// <summary>
/// An entry's content as read from the archive: counts the bytes it yields against the budget (declared sizes are not
/// trusted) and reports corrupt compressed data as a rejected archive. It does not own the inner stream.
/// </summary>
internal sealed class BudgetedStream(Stream inner, string name, ExpansionBudget budget) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads what the consumer left, so that skipped content still counts against the limits.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, ct) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        read += n;
        budget.CountBytes(name, read, n);
        return n;
    }

    private ArchiveRejectedException Corrupt(InvalidDataException e) =>
        ArchiveRejectedException.At(name, $"the data is corrupt ({e.Message.TrimEnd('.')})");
}
