namespace Platform.Datasets.Formats.Writers;

/// <summary>Writes {split}/{label}/{name}, or {label}/{name} when no item has a split. Unlabeled images are skipped.</summary>
internal static class ImageFoldersWriter
{
    public static async Task WriteAsync(ExportContext export, CancellationToken ct)
    {
        var items = export.Dataset.Items;
        var splits = ExportPaths.HasSplits(items);
        var names = new NameAllocator(byStem: false);
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item.Label) || item.Sha256 is null)
            {
                continue;
            }

            var label = ExportPaths.Segment(item.Label, "_");
            var folder = splits ? $"{ExportPaths.SplitFolder(item.Split)}/{label}" : label;
            var name = names.Allocate(folder, ExportPaths.NameOf(item.Path));
            await zip.AddBlobAsync($"{folder}/{name}", item.Sha256, export.OpenBlob, ct);
            export.Progress.Add();
        }
    }
}
