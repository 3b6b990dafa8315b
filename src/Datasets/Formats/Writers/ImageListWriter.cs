namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Image classification as a list: labels.csv (path,label[,split]) or labels.jsonl ({"path","label","split"} per line)
/// first, then the images laid out as image folders, so the zip also imports as one; the path is the image's place in
/// the zip. Unlabeled images are listed with an empty label and lie in their split folder, outside any class folder.
/// </summary>
internal static class ImageListWriter
{
    public static Task WriteCsvAsync(ExportContext export, CancellationToken ct) => WriteAsync(export, "labels.csv", WriteCsvAsync, ct);

    public static Task WriteJsonlAsync(ExportContext export, CancellationToken ct) => WriteAsync(export, "labels.jsonl", WriteJsonlAsync, ct);

    private static async Task WriteAsync(ExportContext export, string listName,
        Func<Stream, List<(ExportItem Item, string Path)>, bool, CancellationToken, Task> writeList, CancellationToken ct)
    {
        var files = ImageFoldersWriter.Place(export.Dataset.Items, ImageFoldersWriter.Folders, withUnlabeled: true);
        var splits = ExportPaths.HasSplits(files.Select(f => f.Item));
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
