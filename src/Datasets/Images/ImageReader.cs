using SkiaSharp;

namespace Platform.Datasets.Images;

/// <summary>Checks that an image decodes completely and makes its thumbnail.</summary>
public static class ImageReader
{
    /// <summary>Above this many pixels an image that cannot be decoded at a reduced scale is refused (4 bytes each).</summary>
    private const long MaxFullSizePixels = 250_000_000;

    private const int ThumbnailQuality = 80;

    /// <summary>
    /// Decodes the whole image (so a truncated or corrupt file is caught) and returns its size and a JPEG thumbnail
    /// whose longer side is at most <paramref name="maxSide"/>, never upscaled. Transparent areas become white.
    /// </summary>
    public static (ImageInfo Info, byte[] Thumbnail) Read(Stream content, int maxSide = 256)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var bytes = ReadAll(content);
        if (bytes.Length == 0)
        {
            throw new ImageDecodeException("the file is empty");
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageDecodeException("not an image SkiaSharp can read");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException("the image is truncated or corrupt");
        }

        var scale = Math.Min(1.0, maxSide / (double)Math.Max(width, height));
        var thumbnail = new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        using var decoded = Decode(codec, thumbnail);
        var info = new ImageInfo(width, height, codec.EncodedFormat.ToString().ToLowerInvariant());
        return (info, Thumbnail(decoded, thumbnail));
    }

    /// <summary>
    /// Decodes at the smallest scale the codec offers that still covers the thumbnail: JPEG decodes at 1/2, 1/4 or
    /// 1/8 while still reading the whole file, so large photos need far less memory.
    /// </summary>
    private static SKBitmap Decode(SKCodec codec, SKSizeI thumbnail)
    {
        var size = codec.Info.Size;
        for (var scale = (float)thumbnail.Width / size.Width; scale < 1; scale *= 1.25f)
        {
            // Codecs round a requested scale down to one they support, which may fall short of the thumbnail.
            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width >= thumbnail.Width && scaled.Height >= thumbnail.Height)
            {
                size = scaled;
                break;
            }
        }

        if ((long)size.Width * size.Height > MaxFullSizePixels)
        {
            throw new ImageDecodeException($"the image is too large to decode ({codec.Info.Width}×{codec.Info.Height} pixels)");
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ImageDecodeException("the image is truncated or corrupt");
        }

        return bitmap;
    }

    private static byte[] Thumbnail(SKBitmap decoded, SKSizeI size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(decoded);
        surface.Canvas.DrawImage(image, SKRect.Create(size.Width, size.Height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, ThumbnailQuality);
        return jpeg.ToArray();
    }

    private static byte[] ReadAll(Stream content)
    {
        using var buffer = content.CanSeek ? new MemoryStream((int)Math.Max(0, content.Length - content.Position)) : new MemoryStream();
        content.CopyTo(buffer);
        return buffer.ToArray();
    }
}
