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
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        foreach (var (item, path) in Place(export.Dataset.Items, layout, withUnlabeled: false))
        {
            await zip.AddBlobAsync(path, item.Sha256!, export.OpenBlob, ct);
            export.Progress.Add();
        }
    }

    /// <summary>
    /// Where each image goes in the zip; an unlabeled one (when kept) goes in its split folder, outside any class
    /// folder. Items without a file are left out.
    /// </summary>
    public static List<(ExportItem Item, string Path)> Place(IReadOnlyList<ExportItem> items, Layout layout, bool withUnlabeled)
    {
        var splits = layout.AlwaysSplit || ExportPaths.HasSplits(items);
        var names = new NameAllocator(byStem: false);
        var placed = new List<(ExportItem, string)>();
        foreach (var item in items.Where(i => i.Sha256 is not null && (withUnlabeled || !string.IsNullOrEmpty(i.Label))))
        {
            var label = string.IsNullOrEmpty(item.Label) ? null : ExportPaths.Segment(item.Label, "_");
            var folder = splits ? (label is null ? layout.SplitFolder(item.Split) : $"{layout.SplitFolder(item.Split)}/{label}") : label;
            var name = names.Allocate(folder, ExportPaths.NameOf(item.Path));
            placed.Add((item, ExportPaths.Join(folder, name)));
        }

        return placed;
    }
}
