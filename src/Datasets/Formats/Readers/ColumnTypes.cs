using System.Globalization;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Infers a table column's type from its values (missing values aside), unless the user chose it.</summary>
internal static class ColumnTypes
{
    public static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Number when every value is one; else Category when there are few distinct values (at most 20, or 5% of the rows); else Text.</summary>
    public static ColumnType Infer(IReadOnlyList<string?> values)
    {
        var present = values.Where(v => !CsvDocument.IsMissing(v)).Select(v => v!).ToList();
        if (present.Count == 0) return ColumnType.Text;
        if (present.All(IsNumber)) return ColumnType.Number;
        var distinct = present.Distinct(StringComparer.Ordinal).Count();
        return distinct <= Math.Max(20, values.Count * 0.05) ? ColumnType.Category : ColumnType.Text;
    }

    /// <summary>The user's choice for each named column; naming a column the file lacks is an error.</summary>
    public static ColumnType? Chosen(IReadOnlyDictionary<string, ColumnType>? chosen, string column, CsvDocument document)
    {
        if (chosen is null) return null;
        foreach (var name in chosen.Keys.Where(n => document.Column(n) < 0))
            throw new DatasetFormatException($"{document.Path} has no column '{name}' to set the type of; its columns are: {string.Join(", ", document.Header)}.");
        return chosen.TryGetValue(column, out var type) ? type
            : chosen.FirstOrDefault(c => c.Key.Equals(column, StringComparison.OrdinalIgnoreCase)) is { Key: not null } match ? match.Value : null;
    }
}
