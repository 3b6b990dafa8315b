using Platform.Datasets.Images;
using SkiaSharp;

namespace Platform.Datasets.Tests;

/// <summary>What is refused before any pixel is decoded: files above the size limit, and images padded with trailing data.</summary>
public sealed class ImageLimitTests
{
    [Fact]
    public void APngPaddedWithHundredsOfMegabytesIsRefusedWithoutReadingThePadding()
    {
        var png = Encode(8, 8, SKEncodedImageFormat.Png);
        var padded = new PaddedStream(png, png.Length + (300L << 20));

        Should.Throw<ImageDecodeException>(() => ImageReader.Read(padded))
            .Message.ShouldBe("314,572,800 bytes of data after the end of the image");
        padded.BytesRead.ShouldBeLessThan(1 << 20);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void MoreTrailingDataThanTheAllowanceIsRefused(SKEncodedImageFormat format)
    {
        var image = Encode(300, 200, format);
        var padded = new PaddedStream(image, image.Length + ImageReader.TrailingAllowance + 1);

        Should.Throw<ImageDecodeException>(() => ImageReader.Read(padded))
            .Message.ShouldBe($"{ImageReader.TrailingAllowance + 1:N0} bytes of data after the end of the image");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void ALittleTrailingDataIsAccepted(SKEncodedImageFormat format)
    {
        var image = Encode(300, 200, format);

        var (info, _) = ImageReader.Read(new PaddedStream(image, image.Length + 1000));

        info.ShouldBe(new ImageInfo(300, 200, format.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void AFileAboveTheLimitIsRefusedWithoutBeingRead()
    {
        var png = Encode(300, 200, SKEncodedImageFormat.Png);
        var stream = new PaddedStream(png, png.Length);

        Should.Throw<ImageDecodeException>(() => ImageReader.Read(stream, maxBytes: 1024))
            .Message.ShouldBe($"the file is {ImageReader.Describe(png.Length)}, more than the 1 KiB one image may have");
        stream.BytesRead.ShouldBe(0);
    }

    [Fact]
    public void AStreamThatCannotSeekIsCopiedOnlyUpToTheLimit()
    {
        var png = Encode(8, 8, SKEncodedImageFormat.Png);
        var endless = new PaddedStream(png, png.Length + (300L << 20), seekable: false);

        Should.Throw<ImageDecodeException>(() => ImageReader.Read(endless, maxBytes: 1 << 20))
            .Message.ShouldBe("the file is larger than the 1 MiB one image may have");
        endless.BytesRead.ShouldBeLessThan(2 << 20);
    }

    [Fact]
    public void AStreamThatCannotSeekIsDecoded()
    {
        var jpeg = Encode(600, 400, SKEncodedImageFormat.Jpeg);

        var (info, thumbnail) = ImageReader.Read(new PaddedStream(jpeg, jpeg.Length, seekable: false));

        info.ShouldBe(new ImageInfo(600, 400, "jpeg"));
        thumbnail.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TheDecodeSizeIsKnownFromTheHeaderAndUsesTheReducedScale()
    {
        using var png = ImageReader.Open(new MemoryStream(Encode(1000, 500, SKEncodedImageFormat.Png)));
        using var jpeg = ImageReader.Open(new MemoryStream(Encode(1000, 500, SKEncodedImageFormat.Jpeg)));

        png.Info.ShouldBe(new ImageInfo(1000, 500, "png"));
        png.DecodeBytes(256).ShouldBe(4L * 1000 * 500 + 4L * 256 * 128);
        jpeg.DecodeBytes(256).ShouldBeLessThan(4L * 1000 * 500 / 2);
    }

    internal static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var random = new Random(width * height);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>The bytes of an image followed by zeros up to a length, without holding the zeros; counts what is read.</summary>
    private sealed class PaddedStream(byte[] head, long length, bool seekable = true) : Stream
    {
        private long _position;

        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => _position = seekable ? value : throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Clamp(length - _position, 0, count);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = _position + i < head.Length ? head[_position + i] : (byte)0;
            _position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
