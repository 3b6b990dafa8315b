namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Image classification as a list: labels.csv (path,label[,split]) or labels.jsonl ({"path","label","split"} per line)
/// first, then the images in images/{name}; the path is the image's place in the zip. Unlabeled images are listed with
/// an empty label.
/// </summary>
internal static class ImageListWriter
{
    public static Task WriteCsvAsync(ExportContext export, CancellationToken ct) => WriteAsync(export, "labels.csv", WriteCsvAsync, ct);

    public static Task WriteJsonlAsync(ExportContext export, CancellationToken ct) => WriteAsync(export, "labels.jsonl", WriteJsonlAsync, ct);

    private static async Task WriteAsync(ExportContext export, string listName,
        Func<Stream, List<(ExportItem Item, string Path)>, bool, CancellationToken, Task> writeList, CancellationToken ct)
    {
        var items = export.Dataset.Items.Where(i => i.Sha256 is not null).ToList();
        var splits = ExportPaths.HasSplits(items);
        var names = new NameAllocator(byStem: false);
        var files = items.Select(i => (Item: i, Path: "images/" + names.Allocate("images", ExportPaths.NameOf(i.Path)))).ToList();
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        await zip.AddTextAsync(listName, (stream, token) => writeList(stream, files, splits, token), ct);
        foreach (var (item, path) in files)
        {
            await zip.AddBlobAsync(path, item.Sha256!, export.OpenBlob, ct);
            export.Progress.Add();
        }
    }

    private static async Task WriteCsvAsync(Stream stream, List<(ExportItem Item, string Path)> files, bool splits, CancellationToken ct)
    {
        await using var writer = TextWriters.Open(stream);
        await writer.WriteAsync((splits ? "path,label,split\n" : "path,label\n").AsMemory(), ct);
        foreach (var (item, path) in files)
        {
            var line = splits
                ? CsvCell.Line([path, item.Label, ExportPaths.SplitValue(item.Split)])
                : CsvCell.Line([path, item.Label]);
            await writer.WriteAsync(line.AsMemory(), ct);
        }
    }

    private static Task WriteJsonlAsync(Stream stream, List<(ExportItem Item, string Path)> files, bool splits, CancellationToken ct) =>
        JsonLines.WriteAsync(stream, files, (json, file) =>
        {
            json.WriteString("path", file.Path);
            json.WriteString("label", file.Item.Label);
            JsonLines.WriteSplit(json, file.Item.Split);
        }, null, ct);
}
