using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Datasets.Formats;
using Platform.Datasets.Images;
using Platform.Storage.Blobs;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Decodes every image once on all cores: records its size, stores its thumbnail (once per content), converts YOLO's
/// normalized boxes to pixels, and reports corrupt images, images above the size limit and boxes outside the image.
/// Images are decoded from the stored file, never copied into memory, and the decodes running at once hold at most
/// the <see cref="DecodeBudget"/>'s bytes.
/// </summary>
public sealed class ImageChecker(IObjectStore store, BlobStore blobs, DecodeBudget budget, IOptions<DatasetStorageOptions> options)
{
    private const double Tolerance = 0.5;
    private const int ThumbnailSide = StoredBlob.ThumbnailSide;
    // Decoding uses the cores; storing a thumbnail may wait for the store (S3), so run more than one per core.
    private static readonly int Parallelism = Math.Max(4, 2 * Environment.ProcessorCount);

    public async Task<(List<NewItem> Items, List<ImportProblem> Problems)> CheckAsync(
        Guid workspaceId, IReadOnlyList<ParsedItem> items, Func<int, Task> progress, CancellationToken ct)
    {
        var sizes = new ConcurrentDictionary<string, ImageInfo?>();
        var problems = new ConcurrentBag<ImportProblem>();
        var done = 0;
        using var reporting = new SemaphoreSlim(1, 1);
        var images = items.Where(i => i.Image is not null).Select(i => i.Image!).DistinctBy(i => i.Sha256).ToList();
        await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (image, token) =>
        {
            try
            {
                var (info, thumbnail) = await ReadAsync(workspaceId, image, token);
                var key = StoredBlob.ThumbnailKey(workspaceId, image.Sha256);
                // Durable with the import's blobs, before the version commits; an empty file is what a crash before that leaves.
                // A small image is its own thumbnail (the thumbnail route serves it): nothing to write.
                if (thumbnail is not null && await store.StatAsync(key, token) is not { Size: > 0 })
                    await store.PutUnsyncedAsync(key, new MemoryStream(thumbnail), thumbnail.Length, "image/jpeg", token);
                sizes[image.Sha256] = info;
            }
            catch (ImageDecodeException e)
            {
                sizes[image.Sha256] = null;
                problems.Add(new ImportProblem(image.Path, e.Message));
            }
            // Progress saves through the job's DbContext, which allows one operation at a time: skip a report rather than wait.
            var count = Interlocked.Increment(ref done);
            if (count % 100 == 0 && await reporting.WaitAsync(0, token))
            {
                try { await progress(count); }
                finally { reporting.Release(); }
            }
        });

        var result = new List<NewItem>(items.Count);
        var list = problems.ToList();
        foreach (var item in items)
        {
            int? width = item.Width, height = item.Height;
            if (item.Image is { } image)
            {
                if (sizes[image.Sha256] is not { } info) continue;
                (width, height) = (info.Width, info.Height);
            }
            var boxes = new List<BoxDto>(item.Boxes.Count);
            string? bad = null;
            foreach (var box in item.Boxes)
            {
                var pixel = box.Normalized && width is { } w && height is { } h
                    ? new BoxDto(box.Label, box.X * w, box.Y * h, box.Width * w, box.Height * h)
                    : new BoxDto(box.Label, box.X, box.Y, box.Width, box.Height);
                if (width is { } iw && height is { } ih && Outside(pixel, iw, ih))
                    bad = $"box '{box.Label}' ({pixel.X:0.#}, {pixel.Y:0.#}, {pixel.Width:0.#}×{pixel.Height:0.#}) is outside the {iw}×{ih} image";
                boxes.Add(pixel);
            }
            if (bad is not null)
            {
                list.Add(new ImportProblem(item.Path, bad));
                continue;
            }
            result.Add(new NewItem(item.Path, item.Label, item.Split, item.Image?.Sha256, item.Image?.Size ?? 0, width, height, boxes, Text(item)));
        }
        return (result, list);
    }

    private async Task<(ImageInfo Info, byte[]? Thumbnail)> ReadAsync(Guid workspaceId, SourceFile image, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxImageBytes > 0 ? options.Value.MaxImageBytes : long.MaxValue;
        if (image.Size > maxBytes) throw TooLarge(image.Size, maxBytes);
        await using var content = await blobs.OpenAsync(workspaceId, image.Sha256, ct);
        // The folder store gives a file to read in place; another store's stream is copied to a temporary file first.
        await using var copy = content.CanSeek ? null : TempFile.Create();
        if (copy is not null)
        {
            await content.CopyToAsync(copy, ct);
            copy.Position = 0;
        }
        using var file = ImageReader.Open(copy ?? content, maxBytes);
        using (await budget.AcquireAsync(file.DecodeBytes(ThumbnailSide), ct))
            return (file.Info, file.ThumbnailUnlessSmall(ThumbnailSide));
    }

    private static ImageDecodeException TooLarge(long size, long maxBytes) =>
        new($"{ImageReader.TooLarge(size, maxBytes).Message} (setting {DatasetStorageOptions.Section}:{nameof(DatasetStorageOptions.MaxImageBytes)})");

    private static bool Outside(BoxDto b, int width, int height) =>
        b.X < -Tolerance || b.Y < -Tolerance || b.Width <= 0 || b.Height <= 0 ||
        b.X + b.Width > width + Tolerance || b.Y + b.Height > height + Tolerance;

    private static string? Text(ParsedItem item) =>
        item.Cells is { } cells ? System.Text.Json.JsonSerializer.Serialize(cells) : item.Text;
}
