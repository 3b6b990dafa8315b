using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Text classification from one CSV file: a text column, a label column and an optional split column.</summary>
internal static class CsvTextReader
{
    public static readonly string[] TextNames = ["text", "sentence", "content", "review"];
    public static readonly string[] LabelNames = ["label", "class", "category", "target"];

    /// <summary>Whether the header has a text-like and a label-like column (the user's choices count as such).</summary>
    public static bool LooksLikeText(CsvDocument document, ImportOptions options) =>
        (options.TextColumn is { } text ? document.Column(text) : document.Column(null, "text", TextNames)) >= 0
        && (options.LabelColumn is { } label ? document.Column(label) : document.Column(null, "label", LabelNames)) >= 0;

    public static async Task<ParsedDataset> ReadAsync(CsvDocument document, ImportOptions options, CancellationToken ct)
    {
        var textColumn = document.Column(options.TextColumn, "text", TextNames);
        var labelColumn = document.Column(options.LabelColumn, "label", LabelNames);
        if (textColumn < 0 || labelColumn < 0)
            throw new DatasetFormatException(
                $"{document.Path} needs a text column (text, sentence, content or review) and a label column (label, class, category or target); "
                + $"its columns are: {string.Join(", ", document.Header)}. Name the columns to use.");
        var splitColumn = document.Column("split");

        // Rows of the wrong width first, as a whole-file check would list them, then the rows that could not be used.
        var widths = new List<ImportProblem>();
        var problems = new List<ImportProblem>();
        var items = new List<ParsedItem>();
        await document.ReadRowsAsync(row =>
        {
            var split = splitColumn < 0 ? DatasetSplit.None : LayoutNames.SplitFromValue(row.Values[splitColumn]);
            var error = TextRows.Check(row.Values[textColumn], row.Values[labelColumn], split, splitColumn < 0 ? null : row.Values[splitColumn]);
            if (error is not null) problems.Add(new(CsvDocument.RowName(document.Path, row.Number), error));
            else items.Add(new ParsedItem($"row-{row.Number:D7}", null, row.Values[labelColumn].Trim(), split!.Value, [], Text: row.Values[textColumn]));
        }, widths, ct);
        return TextRows.Dataset(DatasetFormat.CsvText, items, [.. widths, .. problems]);
    }
}
