using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// One JSON object per row: each column's name and value, then "split" when the row has one. A Number column's value is
/// written as a JSON number when its text already is one (so "1.50" stays 1.50); empty cells are null.
/// </summary>
internal static partial class JsonlTableWriter
{
    public static Task WriteAsync(ExportContext export, CancellationToken ct)
    {
        var dataset = export.Dataset;
        var columns = dataset.Columns?.ToList()
            ?? Enumerable.Range(1, dataset.Items.Max(i => i.Cells?.Count) ?? 0).Select(n => new TableColumn($"column{n}", ColumnType.Text)).ToList();
        return JsonLines.WriteAsync(export.Output, dataset.Items, (json, item) =>
        {
            for (var c = 0; c < columns.Count; c++)
            {
                WriteCell(json, columns[c], item.Cells is { } row && c < row.Count ? row[c] : null);
            }

            JsonLines.WriteSplit(json, item.Split);
        }, export.Progress.Add, ct);
    }

    private static void WriteCell(Utf8JsonWriter json, TableColumn column, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            json.WriteNull(column.Name);
        }
        else if (column.Type == ColumnType.Number && JsonNumber().IsMatch(value))
        {
            json.WritePropertyName(column.Name);
            json.WriteRawValue(value, skipInputValidation: true);
        }
        else
        {
            json.WriteString(column.Name, value);
        }
    }

    /// <summary>RFC 8259's number grammar: what may be written as is.</summary>
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
