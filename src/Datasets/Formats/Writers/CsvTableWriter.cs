namespace Platform.Datasets.Formats.Writers;

/// <summary>Writes the table as one CSV file: the columns, then a split column when any row has a split.</summary>
internal static class CsvTableWriter
{
    public static async Task WriteAsync(ExportContext export, CancellationToken ct)
    {
        var dataset = export.Dataset;
        var columns = dataset.Columns?.Select(c => c.Name).ToList()
            ?? Enumerable.Range(1, dataset.Items.Max(i => i.Cells?.Count) ?? 0).Select(n => $"column{n}").ToList();
        var splits = ExportPaths.HasSplits(dataset.Items);
        await using var writer = TextWriters.Open(export.Output);
        await writer.WriteAsync((splits ? CsvCell.Line(columns.Append("split")) : CsvCell.Line(columns)).AsMemory(), ct);
        foreach (var item in dataset.Items)
        {
            var cells = Enumerable.Range(0, columns.Count).Select(c => item.Cells is { } row && c < row.Count ? row[c] : null);
            var line = splits ? CsvCell.Line(cells.Append(ExportPaths.SplitValue(item.Split))) : CsvCell.Line(cells);
            await writer.WriteAsync(line.AsMemory(), ct);
            export.Progress.Add();
        }
    }
}
