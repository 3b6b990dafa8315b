using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>Builds export datasets over an in-memory blob store, runs an export and reads the result back.</summary>
internal sealed class ExportFixtures
{
    private readonly Dictionary<string, byte[]> blobs = [];

    /// <summary>Stores bytes standing in for an image and returns their hash.</summary>
    public string Blob(string content) => Blob(Encoding.UTF8.GetBytes(content));

    public string Blob(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        blobs[sha] = bytes;
        return sha;
    }

    public Task<Stream> Open(string sha256, CancellationToken ct) =>
        Task.FromResult<Stream>(new MemoryStream(blobs[sha256], writable: false));

    public ExportItem Image(string path, string? label, DatasetSplit split = DatasetSplit.None, int width = 100,
        int height = 50, params ParsedBox[] boxes) =>
        new(path, label, split, boxes, null, null, width, height, Blob(path));

    public static ExportItem Text(string text, string? label, DatasetSplit split = DatasetSplit.None) =>
        new($"row-{text.GetHashCode():x8}", label, split, [], text, null, null, null, null);

    public static ExportItem Row(DatasetSplit split, params string?[] cells) =>
        new("row", null, split, [], null, cells, null, null, null);

    /// <summary>The largest single write to the output during the last export.</summary>
    public int LargestWrite { get; private set; }

    public async Task<byte[]> ExportAsync(ExportDataset dataset, DatasetFormat format, IProgress<int>? progress = null)
    {
        using var memory = new MemoryStream();
        var output = new NonSeekableStream(memory);
        await DatasetWriters.WriteAsync(dataset, format, Open, output, progress, TestContext.Current.CancellationToken);
        LargestWrite = output.LargestWrite;
        return memory.ToArray();
    }

    /// <summary>Every entry of the zip, in archive order, as text.</summary>
    public async Task<List<(string Path, string Text)>> ExportZipAsync(ExportDataset dataset, DatasetFormat format) =>
        ReadZip(await ExportAsync(dataset, format));

    public static List<(string Path, string Text)> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return (e.FullName, reader.ReadToEnd());
        }).ToList();
    }

    /// <summary>The compression method of each entry (0 stored, 8 deflate), read from the central directory.</summary>
    public static Dictionary<string, int> Methods(byte[] zip)
    {
        var methods = new Dictionary<string, int>();
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) == 0x02014b50)
            {
                var nameLength = BitConverter.ToUInt16(zip, i + 28);
                methods[Encoding.UTF8.GetString(zip, i + 46, nameLength)] = BitConverter.ToUInt16(zip, i + 10);
            }
        }

        return methods;
    }
}

/// <summary>Like an HTTP response body: cannot seek, and refuses synchronous writes.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous writes are not allowed.");

    /// <summary>The largest single write: shows whether something was buffered instead of streamed.</summary>
    public int LargestWrite { get; private set; }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        LargestWrite = Math.Max(LargestWrite, buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override void Dispose(bool disposing)
    {
    }
}
