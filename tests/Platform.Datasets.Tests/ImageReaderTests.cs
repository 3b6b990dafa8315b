using Platform.Datasets.Images;
using SkiaSharp;

namespace Platform.Datasets.Tests;

public sealed class ImageReaderTests
{
    [Fact]
    public void APngGivesItsSizeAndAJpegThumbnailOfTheRequestedSide()
    {
        var (info, thumbnail) = ImageReader.Read(new MemoryStream(Encode(300, 200, SKEncodedImageFormat.Png)));

        info.ShouldBe(new ImageInfo(300, 200, "png"));
        Probe(thumbnail).ShouldBe((256, 171, SKEncodedImageFormat.Jpeg));
    }

    [Fact]
    public void ASmallImageIsNotUpscaled()
    {
        var (info, thumbnail) = ImageReader.Read(new MemoryStream(Encode(40, 30, SKEncodedImageFormat.Jpeg)));

        info.ShouldBe(new ImageInfo(40, 30, "jpeg"));
        Probe(thumbnail).ShouldBe((40, 30, SKEncodedImageFormat.Jpeg));
    }

    [Fact]
    public void TheLongerSideFitsTheMaximum()
    {
        var (_, thumbnail) = ImageReader.Read(new MemoryStream(Encode(100, 400, SKEncodedImageFormat.Png)), maxSide: 64);

        Probe(thumbnail).ShouldBe((16, 64, SKEncodedImageFormat.Jpeg));
    }

    [Fact]
    public void ALargeJpegIsDecodedAtAReducedScale()
    {
        var (info, thumbnail) = ImageReader.Read(new MemoryStream(Encode(2000, 1000, SKEncodedImageFormat.Jpeg)));

        info.ShouldBe(new ImageInfo(2000, 1000, "jpeg"));
        Probe(thumbnail).ShouldBe((256, 128, SKEncodedImageFormat.Jpeg));
    }

    [Fact]
    public void TransparencyBecomesWhiteInTheThumbnail()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var (_, thumbnail) = ImageReader.Read(new MemoryStream(png.ToArray()));

        using var decoded = SKBitmap.Decode(thumbnail);
        decoded.GetPixel(4, 4).Red.ShouldBeGreaterThan((byte)250);
    }

    [Fact]
    public void AnEmptyFileIsRefused() =>
        Should.Throw<ImageDecodeException>(() => ImageReader.Read(new MemoryStream())).Message.ShouldBe("the file is empty");

    [Fact]
    public void SomethingThatIsNotAnImageIsRefused() =>
        Should.Throw<ImageDecodeException>(() => ImageReader.Read(new MemoryStream("not an image, honest"u8.ToArray())))
            .Message.ShouldBe("not an image SkiaSharp can read");

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    public void ATruncatedImageIsRefused(SKEncodedImageFormat format)
    {
        var bytes = Encode(600, 400, format);

        Should.Throw<ImageDecodeException>(() => ImageReader.Read(new MemoryStream(bytes[..(bytes.Length / 2)])))
            .Message.ShouldBe("the image is truncated or corrupt");
    }

    [Fact]
    public void AMaximumBelowOneIsAProgrammingError() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ImageReader.Read(new MemoryStream([1]), maxSide: 0));

    /// <summary>An image of noise, so that it does not compress to almost nothing.</summary>
    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var random = new Random(width * height);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static (int Width, int Height, SKEncodedImageFormat Format) Probe(byte[] image)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(image));
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }
}
