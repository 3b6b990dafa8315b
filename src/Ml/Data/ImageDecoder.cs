using SkiaSharp;

namespace Platform.Ml.Data;

/// <summary>Decodes an encoded image (PNG, JPEG, WebP, BMP, GIF) into a square CHW uint8 buffer.</summary>
internal static class ImageDecoder
{
    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Returns null on success, otherwise why the image could not be read.</summary>
    public static string? TryDecode(byte[] encoded, int size, int channels, Span<byte> destination)
    {
        if (encoded.Length == 0)
        {
            return "is an empty file";
        }

        using var bitmap = DecodeRgba(encoded);
        if (bitmap is null)
        {
            return "is not a readable image";
        }

        using var resized = bitmap.Width == size && bitmap.Height == size
            ? null
            : bitmap.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var pixels = (resized ?? bitmap).GetPixelSpan();
        var plane = size * size;
        for (var i = 0; i < plane; i++)
        {
            int r = pixels[4 * i], g = pixels[(4 * i) + 1], b = pixels[(4 * i) + 2];
            if (channels == 1)
            {
                destination[i] = (byte)(((r * 299) + (g * 587) + (b * 114) + 500) / 1000);
            }
            else
            {
                destination[i] = (byte)r;
                destination[plane + i] = (byte)g;
                destination[(2 * plane) + i] = (byte)b;
            }
        }

        return null;
    }

    /// <summary>Width, height and whether every pixel is gray; null when the image cannot be read.</summary>
    public static (int Width, int Height, bool Gray)? Probe(byte[] encoded)
    {
        if (encoded.Length == 0)
        {
            return null;
        }

        using var bitmap = DecodeRgba(encoded);
        if (bitmap is null)
        {
            return null;
        }

        var pixels = bitmap.GetPixelSpan();
        var gray = true;
        for (var i = 0; i + 3 < pixels.Length && gray; i += 4)
        {
            gray = pixels[i] == pixels[i + 1] && pixels[i] == pixels[i + 2];
        }

        return (bitmap.Width, bitmap.Height, gray);
    }

    private static SKBitmap? DecodeRgba(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return SKBitmap.Decode(codec, info);
    }
}
