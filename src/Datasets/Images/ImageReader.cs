namespace Platform.Datasets.Images;

/// <summary>Checks that an image decodes completely and makes its thumbnail, reading the file as a stream.</summary>
public static class ImageReader
{
    /// <summary>Bytes a PNG, JPEG or WebP file may hold after the end of its image (some tools append a little metadata).</summary>
    public const long TrailingAllowance = 64 * 1024;

    /// <summary>
    /// Decodes the whole image (so a truncated or corrupt file is caught) and returns its size and a JPEG thumbnail
    /// whose longer side is at most <paramref name="maxSide"/>, never upscaled. Transparent areas become white.
    /// See <see cref="Open"/> for what is refused before decoding.
    /// </summary>
    public static (ImageInfo Info, byte[] Thumbnail) Read(Stream content, int maxSide = 256, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        using var image = Open(content, maxBytes);
        return (image.Info, image.Thumbnail(maxSide));
    }

    /// <summary>
    /// Reads only the image's header and structure, not its pixels: refuses a file of more than
    /// <paramref name="maxBytes"/> without reading it, and a PNG, JPEG or WebP file that goes on for more than
    /// <see cref="TrailingAllowance"/> bytes after the end of its image. A seekable stream is read from its start and
    /// in place (never copied into memory); another is first copied to a temporary file. The result owns neither.
    /// </summary>
    public static ImageFile Open(Stream content, long maxBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var copy = content.CanSeek ? null : CopyToTempFile(content, maxBytes);
        try
        {
            var seekable = copy ?? content;
            var length = seekable.Length;
            if (length == 0) throw new ImageDecodeException("the file is empty");
            if (length > maxBytes) throw TooLarge(length, maxBytes);

            Span<byte> header = stackalloc byte[ImageFormats.HeaderBytes];
            seekable.Position = 0;
            var format = ImageFormats.Sniff(header[..seekable.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)]);
            if (ImageEnd.Find(seekable, format) is { } end && length - end > TrailingAllowance)
                throw new ImageDecodeException($"{length - end:N0} bytes of data after the end of the image");

            seekable.Position = 0;
            return ImageFile.Open(seekable, copy);
        }
        catch
        {
            copy?.Dispose();
            throw;
        }
    }

    /// <summary>The refusal of a file above the limit; <paramref name="length"/> is null when only a part of it was read.</summary>
    public static ImageDecodeException TooLarge(long? length, long maxBytes) => new(length is { } known
        ? $"the file is {Describe(known)}, more than the {Describe(maxBytes)} one image may have"
        : $"the file is larger than the {Describe(maxBytes)} one image may have");

    /// <summary>A size in bytes for people: "300 MiB", "1.5 KiB", "12 bytes".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    private static FileStream CopyToTempFile(Stream content, long maxBytes)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "platform-image-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                file.Write(buffer, 0, read);
                if (file.Length > maxBytes) throw TooLarge(null, maxBytes);
            }
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
