using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Writes {split}/{label}/{name}: image folders ({label}/{name} when no item has a split), or the Ultralytics
/// classification layout (train/, val/, test/; always a split level). Unlabeled images are skipped.
/// </summary>
internal static class ImageFoldersWriter
{
    /// <summary>How a layout names split folders, and whether it keeps the split level when nothing is split.</summary>
    public sealed record Layout(Func<DatasetSplit, string> SplitFolder, bool AlwaysSplit);

    public static readonly Layout Folders = new(ExportPaths.SplitFolder, AlwaysSplit: false);

    /// <summary>Ultralytics reads train/, val/ and test/; items without a split go to unsplit/, which it ignores.</summary>
    public static readonly Layout Ultralytics = new(s => s == DatasetSplit.Validation ? "val" : ExportPaths.SplitFolder(s), AlwaysSplit: true);

    public static async Task WriteAsync(ExportContext export, Layout layout, CancellationToken ct)
    {
        var items = export.Dataset.Items;
        var splits = layout.AlwaysSplit || ExportPaths.HasSplits(items);
        var names = new NameAllocator(byStem: false);
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item.Label) || item.Sha256 is null)
            {
                continue;
            }

            var label = ExportPaths.Segment(item.Label, "_");
            var folder = splits ? $"{layout.SplitFolder(item.Split)}/{label}" : label;
            var name = names.Allocate(folder, ExportPaths.NameOf(item.Path));
            await zip.AddBlobAsync($"{folder}/{name}", item.Sha256, export.OpenBlob, ct);
            export.Progress.Add();
        }
    }
}
