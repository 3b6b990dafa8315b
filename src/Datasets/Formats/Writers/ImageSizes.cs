using SkiaSharp;

namespace Platform.Datasets.Formats.Writers;

/// <summary>An item's image size, read from the image's header when the item does not know it.</summary>
internal static class ImageSizes
{
    public static async Task<(int Width, int Height)> OfAsync(ExportItem item, OpenBlob openBlob, CancellationToken ct)
    {
        if (item is { Width: int width, Height: int height })
        {
            return (width, height);
        }

        if (item.Sha256 is null)
        {
            return (0, 0);
        }

        await using var content = await openBlob(item.Sha256, ct);
        using var codec = SKCodec.Create(content);
        return codec is null ? (0, 0) : (codec.Info.Width, codec.Info.Height);
    }
}
