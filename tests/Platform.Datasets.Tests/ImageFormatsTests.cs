using Platform.Datasets.Images;
using SkiaSharp;

namespace Platform.Datasets.Tests;

public sealed class ImageFormatsTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "webp")]
    public void EncodedImagesAreRecognized(SKEncodedImageFormat format, string expected) =>
        ImageFormats.Sniff(ImageLimitTests.Encode(16, 8, format)).ShouldBe(expected);

    [Theory]
    [InlineData("GIF89a\u0001\0\u0001\0\0\0", "gif")]
    [InlineData("GIF87a\u0001\0\u0001\0\0\0", "gif")]
    [InlineData("BM\u0046\0\0\0\0\0\0\0\u0036\0", "bmp")]
    [InlineData("RIFF\0\0\0\0WAVE", null)]
    [InlineData("BM is not a bitmap", null)]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>", null)]
    [InlineData("<html><script>alert(1)</script>", null)]
    [InlineData("GIF8", null)]
    [InlineData("", null)]
    public void MagicBytesDecideNotTheName(string header, string? expected) =>
        ImageFormats.Sniff(System.Text.Encoding.Latin1.GetBytes(header)).ShouldBe(expected);

    [Fact]
    public void APngSignatureCutShortIsNothing() =>
        ImageFormats.Sniff(ImageLimitTests.Encode(4, 4, SKEncodedImageFormat.Png).AsSpan(0, 7)).ShouldBeNull();

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData(null, null)]
    public void TheContentTypeFollowsTheFormat(string? format, string? contentType) =>
        ImageFormats.ContentType(format).ShouldBe(contentType);
}
