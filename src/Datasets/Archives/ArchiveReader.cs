using System.IO.Compression;

namespace Platform.Datasets.Archives;

/// <summary>Reads the files of an uploaded .zip, .tar, .tar.gz or .tgz, refusing unsafe names, links and bombs.</summary>
public static class ArchiveReader
{
    private enum Kind { Zip, Tar, TarGz }

    public static bool IsArchive(string fileName) => KindOf(fileName) is not null;

    /// <summary>
    /// Calls <paramref name="onEntry"/> for each regular file in archive order with its normalized '/'-separated path and
    /// its content; directories are skipped. The content stream counts what it yields and throws
    /// <see cref="ArchiveRejectedException"/> the moment a limit is passed. A zip needs a seekable stream; a tar or
    /// tar.gz is read as a stream (without a length, the compression ratio uses the bytes read so far).
    /// </summary>
    public static async Task ReadAsync(Stream archive, string fileName, ArchiveLimits limits,
        Func<string, Stream, CancellationToken, Task> onEntry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(onEntry);
        var kind = KindOf(fileName)
            ?? throw new ArgumentException($"{fileName} is not a .zip, .tar, .tar.gz or .tgz file.", nameof(fileName));
        if (kind == Kind.Zip)
        {
            if (!archive.CanSeek)
            {
                throw new ArgumentException("A zip archive must be read from a seekable stream.", nameof(archive));
            }

            await ZipEntries.ReadAsync(archive, fileName, new ExpansionBudget(limits, () => archive.Length), onEntry, ct);
            return;
        }

        var counted = new CountingStream(archive);
        var budget = new ExpansionBudget(limits, archive.CanSeek ? () => archive.Length : () => counted.BytesRead);
        await using Stream tar = kind == Kind.TarGz ? new GZipStream(counted, CompressionMode.Decompress, leaveOpen: true) : counted;
        await TarEntries.ReadAsync(tar, fileName, budget, onEntry, ct);
    }

    private static Kind? KindOf(string fileName) => fileName switch
    {
        _ when fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) => Kind.Zip,
        _ when fileName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) => Kind.Tar,
        _ when fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) => Kind.TarGz,
        _ when fileName.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) => Kind.TarGz,
        _ => null,
    };

    /// <summary>Counts the bytes read from the archive itself; leaves it open.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}
