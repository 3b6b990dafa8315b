using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>A table in one CSV file: typed columns, a target column, and an optional split column that is not a feature.</summary>
internal static class CsvTableReader
{
    public static readonly string[] TargetNames = ["target", "label", "class", "y"];

    /// <summary>Two passes over the file: one infers the column types, the other makes the items; only the items are kept.</summary>
    public static async Task<ParsedDataset> ReadAsync(CsvDocument document, ImportOptions options, CancellationToken ct)
    {
        var splitColumn = document.Column("split");
        var kept = Enumerable.Range(0, document.Header.Length).Where(i => i != splitColumn).ToArray();
        if (kept.Length == 0) throw new DatasetFormatException($"{document.Path} has no columns besides split.");
        var chosen = kept.Select(i => ColumnTypes.Chosen(options.ColumnTypes, document.Header[i], document)).ToArray();
        var named = document.Column(options.TargetColumn, "target", TargetNames);
        if (named >= 0 && named == splitColumn) throw new DatasetFormatException("The split column cannot be the target.");
        var target = named >= 0 ? Array.IndexOf(kept, named) : kept.Length - 1;

        var problems = new List<ImportProblem>();
        var inference = kept.Select(_ => new ColumnInference()).ToArray();
        var rows = 0;
        await document.ReadRowsAsync(row =>
        {
            rows++;
            for (var k = 0; k < kept.Length; k++)
                if (chosen[k] is null) inference[k].Add(row.Values[kept[k]]);
        }, problems, ct);
        var columns = kept.Select((i, k) => new TableColumn(document.Header[i], chosen[k] ?? inference[k].Type(rows))).ToList();

        var items = new List<ParsedItem>();
        await document.ReadRowsAsync(row =>
        {
            var rowName = CsvDocument.RowName(document.Path, row.Number);
            var split = splitColumn < 0 ? DatasetSplit.None : LayoutNames.SplitFromValue(row.Values[splitColumn]);
            if (split is null)
            {
                problems.Add(new(rowName, $"unknown split '{row.Values[splitColumn]}' (use train, validation, test or leave it empty)"));
                return;
            }
            var cells = kept.Select(i => CsvDocument.IsMissing(row.Values[i]) ? null : row.Values[i]).ToList();
            var notNumber = columns.Select((c, i) => (Column: c, Cell: cells[i]))
                .FirstOrDefault(c => c.Column.Type == ColumnType.Number && c.Cell is not null && !ColumnTypes.IsNumber(c.Cell));
            if (notNumber.Column is not null)
            {
                problems.Add(new(rowName, $"'{notNumber.Cell}' in the number column '{notNumber.Column.Name}' is not a number"));
                return;
            }
            items.Add(new ParsedItem($"row-{row.Number:D7}", null, cells[target], split.Value, [], Cells: cells));
        }, null, ct);

        var targetColumn = columns[target];
        var classes = targetColumn.Type == ColumnType.Number ? [] :
            items.Select(i => i.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (targetColumn.Type != ColumnType.Number && classes.Count < 2)
            throw new DatasetFormatException(
                $"The target column '{targetColumn.Name}' has {(classes.Count == 0 ? "no values" : $"only one value ('{classes[0]}')")}: "
                + "a classification table needs at least two classes. Choose another target column.");
        return new ParsedDataset(DatasetKind.Table, DatasetFormat.CsvTable, classes, items, problems, columns, targetColumn.Name);
    }
}
