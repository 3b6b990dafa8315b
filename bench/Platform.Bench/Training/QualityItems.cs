using System.IO.Compression;
using Platform.Ml;
using Platform.Ml.Samples;

namespace Platform.Bench.Training;

/// <summary>The labeled images both sides of product-quality train on, and the same images as an upload.</summary>
internal static class QualityItems
{
    /// <summary><c>--train PATH --test PATH</c> (image folders or zips of them), else the generated set <c>quality</c> uses.</summary>
    public static (List<MlItem> Items, string Description) Load(string? trainPath, string? testPath, int samplesPerClass)
    {
        if (trainPath is null)
        {
            List<MlItem> generated = [.. SampleImages.Create(samplesPerClass, seed: 42, difficulty: 1)];
            return (generated, $"generated set: {generated.Count} noisy rotated shapes, 28x28 gray, 10 classes, every 6th image of a class in test");
        }
        var items = ImageFolderSource.Load(trainPath, MlSplit.Train);
        if (testPath is not null) items.AddRange(ImageFolderSource.Load(testPath, MlSplit.Test));
        return (items, $"{trainPath}{(testPath is null ? "" : " + " + testPath)}: {items.Count} images");
    }

    /// <summary>
    /// A zip the image-folder reader imports with the same splits: <c>train/&lt;class&gt;/…</c> and <c>test/&lt;class&gt;/…</c>
    /// (entries stored: the images are compressed already).
    /// </summary>
    public static void WriteZip(IEnumerable<MlItem> items, string path)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var folder = item.Split switch
            {
                MlSplit.Test => "test",
                MlSplit.Validation => "val",
                _ => "train",
            };
            var stem = Path.GetFileNameWithoutExtension(item.Id.Replace('\\', '/').Split('/')[^1]);
            using var source = item.Open();
            var extension = Path.GetExtension(item.Id) is { Length: > 0 } e ? e : ".png"; // generated items are PNGs without a file name
            var name = $"{folder}/{item.Label}/{stem}{extension}";
            for (var n = 2; !names.Add(name); n++) name = $"{folder}/{item.Label}/{stem}-{n}{extension}";
            using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            source.CopyTo(entry);
        }
    }
}
