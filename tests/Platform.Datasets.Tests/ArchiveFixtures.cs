using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Platform.Datasets.Archives;

namespace Platform.Datasets.Tests;

/// <summary>Builds real archives in memory, harmless or malicious, and reads them back through the archive reader.</summary>
internal static class ArchiveFixtures
{
    public static MemoryStream Zip(params (string Name, string Content)[] entries)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        memory.Position = 0;
        return memory;
    }

    /// <summary>A zip holding <paramref name="bytes"/> zeros in one entry, written in chunks so nothing large is held.</summary>
    public static MemoryStream ZeroZip(long bytes)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1 << 20];
            for (var written = 0L; written < bytes; written += chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, bytes - written));
            }
        }

        memory.Position = 0;
        return memory;
    }

    public static MemoryStream Tar(bool gzip, params TarEntry[] entries)
    {
        var memory = new MemoryStream();
        using (var gzipped = gzip ? new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true) : null)
        using (var writer = new TarWriter(gzipped ?? (Stream)memory, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        memory.Position = 0;
        return memory;
    }

    public static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    public static PaxTarEntry File(string name, Stream content) => new(TarEntryType.RegularFile, name) { DataStream = content };

    /// <summary>Every file of the archive with its content, read fully by the consumer.</summary>
    public static async Task<List<(string Path, string Content)>> ReadAllAsync(Stream archive, string fileName,
        ArchiveLimits? limits = null)
    {
        var files = new List<(string, string)>();
        await ArchiveReader.ReadAsync(archive, fileName, limits ?? new ArchiveLimits(), async (path, content, ct) =>
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            files.Add((path, await reader.ReadToEndAsync(ct)));
        }, TestContext.Current.CancellationToken);
        return files;
    }

    /// <summary>Reads the archive with a consumer that ignores every file's content.</summary>
    public static Task SkimAsync(Stream archive, string fileName, ArchiveLimits? limits = null) =>
        ArchiveReader.ReadAsync(archive, fileName, limits ?? new ArchiveLimits(), (_, _, _) => Task.CompletedTask,
            TestContext.Current.CancellationToken);
}

/// <summary>A seekable stream of zeros of a given length, so a huge tar entry needs no memory.</summary>
internal sealed class ZeroStream(long length) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - Position);
        Array.Clear(buffer, offset, n);
        Position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Hides a stream's ability to seek, like an upload read straight from the request.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
