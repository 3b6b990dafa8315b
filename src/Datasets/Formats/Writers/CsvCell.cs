using System.Globalization;

namespace Platform.Datasets.Formats.Writers;

/// <summary>RFC 4180 cells, escaped so that a spreadsheet opening the file does not run a cell as a formula.</summary>
public static class CsvCell
{
    private const NumberStyles Numeric = NumberStyles.Float & ~NumberStyles.AllowLeadingWhite & ~NumberStyles.AllowTrailingWhite;

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape)) + "\n";

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, Numeric, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
