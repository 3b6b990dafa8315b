using SkiaSharp;

namespace Platform.Datasets.Images;

/// <summary>An image whose header has been read (see <see cref="ImageReader.Open"/>): its size is known, its pixels not yet decoded.</summary>
public sealed class ImageFile : IDisposable
{
    /// <summary>Above this many pixels an image that cannot be decoded at a reduced scale is refused (4 bytes each).</summary>
    private const long MaxFullSizePixels = 250_000_000;

    private const int ThumbnailQuality = 80;

    private readonly SKCodec _codec;
    private readonly Stream? _owned;

    private ImageFile(SKCodec codec, Stream? owned, long length)
    {
        (_codec, _owned, Length) = (codec, owned, length);
        Info = new ImageInfo(codec.Info.Width, codec.Info.Height, codec.EncodedFormat.ToString().ToLowerInvariant());
    }

    public ImageInfo Info { get; }

    /// <summary>Bytes of the file.</summary>
    public long Length { get; }

    internal static ImageFile Open(Stream seekable, Stream? owned)
    {
        // The codec owns the SkiaSharp wrapper, which leaves the .NET stream open: the caller (or this object) closes it.
        var wrapper = new SKManagedStream(seekable, disposeManagedStream: false);
        var codec = SKCodec.Create(wrapper, out _);
        if (codec is null)
        {
            wrapper.Dispose();
            throw new ImageDecodeException("not an image SkiaSharp can read");
        }
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec.Dispose();
            throw new ImageDecodeException("the image is truncated or corrupt");
        }
        return new ImageFile(codec, owned, seekable.Length);
    }

    /// <summary>
    /// About how many bytes of memory <see cref="Thumbnail"/> needs: the pixels decoded at the scale it uses, the
    /// thumbnail, and the file itself for formats other than PNG and JPEG (SkiaSharp reads a WebP file whole).
    /// </summary>
    public long DecodeBytes(int maxSide)
    {
        var (decode, thumbnail) = Sizes(maxSide);
        var file = Info.Format is "png" or "jpeg" ? 0 : Length;
        return 4L * decode.Width * decode.Height + 4L * thumbnail.Width * thumbnail.Height + file;
    }

    /// <summary>Decodes the whole image and returns a JPEG thumbnail whose longer side is at most <paramref name="maxSide"/>, never upscaled.</summary>
    /// <summary>
    /// Decodes the image in full (so a corrupt one is found) and makes no thumbnail when the image itself is one: no
    /// side above <paramref name="maxSide"/>, in a format every browser shows. Null then: serve the image itself.
    /// </summary>
    public byte[]? ThumbnailUnlessSmall(int maxSide)
    {
        if (Info.Width > maxSide || Info.Height > maxSide || !WebFormats.Contains(Info.Format)) return Thumbnail(maxSide);
        using var decoded = Decode(_codec.Info.Size);
        return null;
    }

    private static readonly string[] WebFormats = ["png", "jpeg", "gif", "webp"];

    public byte[] Thumbnail(int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var (decode, thumbnail) = Sizes(maxSide);
        if ((long)decode.Width * decode.Height > MaxFullSizePixels)
            throw new ImageDecodeException($"the image is too large to decode ({Info.Width}×{Info.Height} pixels)");
        using var decoded = Decode(decode);
        return Encode(decoded, thumbnail);
    }

    public void Dispose()
    {
        _codec.Dispose();
        _owned?.Dispose();
    }

    /// <summary>
    /// The thumbnail's size and the smallest scale the codec offers that still covers it: JPEG decodes at 1/2, 1/4 or
    /// 1/8 while still reading the whole file, so large photos need far less memory.
    /// </summary>
    private (SKSizeI Decode, SKSizeI Thumbnail) Sizes(int maxSide)
    {
        var (width, height) = (Info.Width, Info.Height);
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(width, height));
        var thumbnail = new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        var size = _codec.Info.Size;
        for (var s = (float)thumbnail.Width / size.Width; s < 1; s *= 1.25f)
        {
            // Codecs round a requested scale down to one they support, which may fall short of the thumbnail.
            var scaled = _codec.GetScaledDimensions(s);
            if (scaled.Width >= thumbnail.Width && scaled.Height >= thumbnail.Height) return (scaled, thumbnail);
        }
        return (size, thumbnail);
    }

    private SKBitmap Decode(SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = _codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ImageDecodeException("the image is truncated or corrupt");
        }
        return bitmap;
    }

    private static byte[] Encode(SKBitmap decoded, SKSizeI size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        // Immutable, the image shares the decoded pixels instead of copying them (as large as the decode itself).
        decoded.SetImmutable();
        using var image = SKImage.FromBitmap(decoded);
        surface.Canvas.DrawImage(image, SKRect.Create(size.Width, size.Height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, ThumbnailQuality);
        return jpeg.ToArray();
    }
}
