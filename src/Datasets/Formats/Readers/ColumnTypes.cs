using System.Globalization;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>What decides a table column's type: numbers, and the user's choice.</summary>
internal static class ColumnTypes
{
    public static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

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

/// <summary>
/// Infers a column's type from its values one at a time, without keeping them: Number when every present value is one;
/// else Category when there are few distinct values (at most 20, or 5% of the rows); else Text. Distinct values are
/// counted by their hash (a rare collision counts two values as one), and at most <see cref="MaxTracked"/> of them:
/// a column with more is Text.
/// </summary>
internal sealed class ColumnInference
{
    public const int MaxTracked = 1_000_000;
    private readonly HashSet<int> distinct = [];
    private bool numbers = true, overflow;
    private long present;

    public void Add(string? value)
    {
        if (CsvDocument.IsMissing(value)) return;
        present++;
        numbers = numbers && ColumnTypes.IsNumber(value!);
        if (overflow || !distinct.Add(StringComparer.Ordinal.GetHashCode(value!)) || distinct.Count <= MaxTracked) return;
        overflow = true;
        distinct.Clear();
        distinct.TrimExcess();
    }

    public ColumnType Type(long rows)
    {
        if (present == 0) return ColumnType.Text;
        if (numbers) return ColumnType.Number;
        return !overflow && distinct.Count <= Math.Max(20, rows * 0.05) ? ColumnType.Category : ColumnType.Text;
    }
}
