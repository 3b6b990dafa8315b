using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using SkiaSharp;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>An image above Platform:Datasets:MaxImageBytes, or padded after its end, is an import problem, not an item.</summary>
public abstract class ImageLimitImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    public const long MaxImageBytes = 1 << 20;

    [Fact]
    public async Task ATooLargeOrPaddedImageIsReportedAndTheOthersImported()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var big = Noise(800, 800);
        big.Length.ShouldBeGreaterThan((int)MaxImageBytes);
        var padding = new byte[200 * 1024];
        new Random(7).NextBytes(padding);
        var zip = DatasetFixtures.Zip(
            ("cats/a.png", DatasetFixtures.Png()), ("cats/b.png", DatasetFixtures.Png(shade: 90)), ("dogs/c.png", DatasetFixtures.Png(shade: 100)),
            ("dogs/big.png", big), ("dogs/padded.png", [.. DatasetFixtures.Png(8, 8, 7), .. padding]));

        var (dataset, import) = await owner.ImportAsync(workspace.Id, zip, "pets.zip", ct);

        import.ShouldHaveSucceeded();
        import.Message!.ShouldContain("skipped 2");
        dataset.LatestVersion!.ItemCount.ShouldBe(3);
        var report = JsonSerializer.Deserialize<ImportReportDto>(await owner.ResultAsync(workspace.Id, import, ct), PlatformClient.Json)!;
        var problems = report.Problems.ToDictionary(p => p.File, p => p.Message);
        problems.Keys.ShouldBe(["dogs/big.png", "dogs/padded.png"], ignoreOrder: true);
        problems["dogs/big.png"].ShouldContain("more than the 1 MiB one image may have");
        problems["dogs/big.png"].ShouldContain("MaxImageBytes");
        problems["dogs/padded.png"].ShouldBe($"{padding.Length:N0} bytes of data after the end of the image");
    }

    /// <summary>A PNG of noise: it does not compress, so its file is about 4 bytes a pixel.</summary>
    private static byte[] Noise(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        new Random(width).NextBytes(pixels);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}

/// <summary>The host with a small image size limit, so that a test can pass it without uploading hundreds of megabytes.</summary>
public sealed class SmallImageLimitSqliteApp() : PlatformApp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Datasets:MaxImageBytes", ImageLimitImportTests<SmallImageLimitSqliteApp>.MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SmallImageLimitPostgresApp() : PlatformApp(DatabaseProvider.Postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Datasets:MaxImageBytes", ImageLimitImportTests<SmallImageLimitPostgresApp>.MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
