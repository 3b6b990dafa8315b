namespace Platform.Datasets.Formats.Readers;

/// <summary>A data row of a CSV file: its 1-based number (the header not counted) and its values.</summary>
internal sealed record CsvRow(int Number, string[] Values);

/// <summary>A CSV file read into a header and rows of the header's width; rows of another width are reported.</summary>
internal sealed class CsvDocument
{
    private static readonly string[] MissingValues = ["", "NA", "N/A", "null", "NaN"];

    private CsvDocument(string path, string[] header, List<CsvRow> rows, List<ImportProblem> problems) =>
        (Path, Header, Rows, Problems) = (path, header, rows, problems);

    public string Path { get; }
    public string[] Header { get; }
    public List<CsvRow> Rows { get; }
    public List<ImportProblem> Problems { get; }

    public static async Task<CsvDocument> ReadAsync(UploadFile file, OpenSource open, CancellationToken ct)
    {
        var text = await Upload.ReadTextAsync(open, file, ct);
        using var records = CsvParser.Records(text, CsvParser.SniffDelimiter(text)).GetEnumerator();
        if (!records.MoveNext() || records.Current.All(string.IsNullOrWhiteSpace))
            throw new DatasetFormatException($"{file.Path} is empty: a CSV file needs a header line naming its columns.");
        var header = records.Current.Select((name, i) => Unescape(name).Trim() is { Length: > 0 } n ? n : $"column {i + 1}").ToArray();
        if (header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new DatasetFormatException($"{file.Path}: the column '{twice.Key}' appears more than once in the header.");

        var rows = new List<CsvRow>();
        var problems = new List<ImportProblem>();
        var number = 0;
        while (records.MoveNext())
        {
            var values = records.Current;
            if (header.Length > 1 && values is [""]) continue;
            number++;
            if (values.Length == header.Length) rows.Add(new CsvRow(number, values.Select(Unescape).ToArray()));
            else problems.Add(new(RowName(file.Path, number), $"{values.Length} values, the header has {header.Length}"));
        }
        if (number == 0) throw new DatasetFormatException($"{file.Path} has a header but no rows.");
        return new CsvDocument(file.Path, header, rows, problems);
    }

    public static string RowName(string path, int number) => $"{path} row {number}";

    public static bool IsMissing(string? value) =>
        value is null || MissingValues.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Undoes the exporter's guard against formula injection: a leading ' before = + - @ tab or CR.</summary>
    public static string Unescape(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    /// <summary>The column with this name (exactly, else ignoring case), or -1.</summary>
    public int Column(string name)
    {
        var exact = Array.IndexOf(Header, name);
        return exact >= 0 ? exact : Array.FindIndex(Header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The column the user named (an unknown name is an error listing the columns), else the first of the usual names.</summary>
    public int Column(string? chosen, string role, IEnumerable<string> usualNames)
    {
        if (chosen is not null)
            return Column(chosen) is var index and >= 0 ? index : throw new DatasetFormatException(
                $"{Path} has no column '{chosen}' to use as the {role}; its columns are: {string.Join(", ", Header)}.");
        return usualNames.Select(Column).FirstOrDefault(i => i >= 0, -1);
    }
}
