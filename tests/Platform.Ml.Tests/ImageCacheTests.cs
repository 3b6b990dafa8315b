using Platform.Ml.Data;
using Platform.Ml.Samples;
using TorchSharp;

namespace Platform.Ml.Tests;

public class ImageCacheTests
{
    [Fact]
    public void ACacheOverTheMemoryBudgetIsMemoryMappedAndHoldsTheSamePixels()
    {
        var items = SampleImages.Create(perClass: 3, seed: 9, size: 20, color: true, mixedSizes: true);
        var budget = ImageCache.MemoryBudgetBytes;
        using var inMemory = ImageCache.Build(items, 16, 3, TestContext.Current.CancellationToken);
        try
        {
            ImageCache.MemoryBudgetBytes = 1024;
            using var mapped = ImageCache.Build(items, 16, 3, TestContext.Current.CancellationToken);
            mapped.shape.ShouldBe([30, 3, 16, 16]);
            mapped.eq(inMemory).all().item<bool>().ShouldBeTrue();
            inMemory.sum().item<long>().ShouldBeGreaterThan(0);
        }
        finally
        {
            ImageCache.MemoryBudgetBytes = budget;
        }
    }

    [Fact]
    public void AnEightBitGrayscalePngDecodesToItsExactPixelValues()
    {
        byte[] pixels = [.. Enumerable.Range(0, 16).Select(i => (byte)(i * 17))];
        var png = GrayPng(4, 4, pixels);
        var items = new[] { new MlItem("gray", () => new MemoryStream(png), "a") };

        using var cache = ImageCache.Build(items, 4, 1, TestContext.Current.CancellationToken);

        cache.data<byte>().ToArray().ShouldBe(pixels);
    }

    /// <summary>A minimal PNG of color type 0 (gray), bit depth 8, like the real 28×28 data sets ship.</summary>
    private static byte[] GrayPng(int width, int height, byte[] pixels)
    {
        using var output = new MemoryStream();
        output.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        void Chunk(string type, byte[] data)
        {
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            output.Write(BigEndian(data.Length));
            output.Write(typeBytes);
            output.Write(data);
            output.Write(BigEndian((int)Crc32([.. typeBytes, .. data])));
        }

        Chunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 0, 0, 0, 0]);
        using var raw = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(raw, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels, y * width, width);
            }
        }

        Chunk("IDAT", raw.ToArray());
        Chunk("IEND", []);
        return output.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
