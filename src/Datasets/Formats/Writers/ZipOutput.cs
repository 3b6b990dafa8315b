using System.IO.Compression;
using System.Text;

namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// A zip written straight onto the output one entry at a time; the zip format's data descriptors let this work on a
/// non-seekable stream, so the archive is never held in memory.
/// </summary>
internal sealed class ZipOutput : IAsyncDisposable
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly AsyncOnlyOutput output;
    private readonly ZipArchive zip;

    private ZipOutput(AsyncOnlyOutput output, ZipArchive zip) => (this.output, this.zip) = (output, zip);

    public long MostParked => output.MostParked;

    public static async Task<ZipOutput> CreateAsync(Stream output, CancellationToken ct)
    {
        var bridge = new AsyncOnlyOutput(output);
        var zip = await ZipArchive.CreateAsync(bridge, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        return new ZipOutput(bridge, zip);
    }

    /// <summary>Copies an image blob into the zip, stored as is: images are already compressed.</summary>
    public async Task AddBlobAsync(string path, string sha256, OpenBlob openBlob, CancellationToken ct)
    {
        await using (var source = await openBlob(sha256, ct))
        {
            await using var target = await zip.CreateEntry(path, CompressionLevel.NoCompression).OpenAsync(ct);
            await source.CopyToAsync(target, ct);
        }

        await output.DrainAsync(ct);
    }

    public Task AddTextAsync(string path, string text, CancellationToken ct) =>
        AddTextAsync(path, (stream, token) => stream.WriteAsync(Utf8.GetBytes(text), token).AsTask(), ct);

    /// <summary>Adds a compressed entry whose content <paramref name="write"/> streams.</summary>
    public async Task AddTextAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        await using (var target = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(ct))
        {
            await write(target, ct);
        }

        await output.DrainAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await zip.DisposeAsync();
        await output.DrainAsync(CancellationToken.None);
    }
}
