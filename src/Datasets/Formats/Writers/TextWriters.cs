namespace Platform.Datasets.Formats.Writers;

/// <summary>Text classification exports: text,label[,split] CSV, or one JSON object per line.</summary>
internal static class TextWriters
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>A UTF-8 writer without BOM that leaves the output open and flushes asynchronously when disposed.</summary>
    public static StreamWriter Open(Stream output) =>
        new(output, ZipOutput.Utf8, bufferSize: FlushBytes, leaveOpen: true) { NewLine = "\n" };

    public static async Task WriteCsvAsync(ExportContext export, CancellationToken ct)
    {
        var items = export.Dataset.Items;
        var splits = ExportPaths.HasSplits(items);
        await using var writer = Open(export.Output);
        await writer.WriteAsync((splits ? "text,label,split\n" : "text,label\n").AsMemory(), ct);
        foreach (var item in items)
        {
            var line = splits
                ? CsvCell.Line([item.Text, item.Label, ExportPaths.SplitValue(item.Split)])
                : CsvCell.Line([item.Text, item.Label]);
            await writer.WriteAsync(line.AsMemory(), ct);
            export.Progress.Add();
        }
    }

    public static Task WriteJsonlAsync(ExportContext export, CancellationToken ct) =>
        JsonLines.WriteAsync(export.Output, export.Dataset.Items, (json, item) =>
        {
            json.WriteString("text", item.Text);
            json.WriteString("label", item.Label);
            JsonLines.WriteSplit(json, item.Split);
        }, export.Progress.Add, ct);
}
