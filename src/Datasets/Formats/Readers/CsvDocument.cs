using System.Text;
using nietras.SeparatedValues;

namespace Platform.Datasets.Formats.Readers;

/// <summary>A data row of a CSV file: its 1-based number (the header not counted) and its values.</summary>
internal sealed record CsvRow(int Number, string[] Values);

/// <summary>
/// A CSV file read as a stream with Sep (RFC 4180: quoted fields may hold the delimiter, doubled quotes and line
/// breaks): the header is read when the document is opened, and the rows are streamed each time
/// <see cref="ReadRowsAsync"/> is called, so the file is never held in memory. Rows of another width than the header
/// are reported, not returned.
/// </summary>
internal sealed class CsvDocument
{
    private const int CancelCheckRows = 4096;
    private static readonly string[] MissingValues = ["", "NA", "N/A", "null", "NaN"];
    private readonly UploadFile file;
    private readonly OpenSource open;
    private readonly char delimiter;

    private CsvDocument(UploadFile file, OpenSource open, char delimiter, string[] header) =>
        (this.file, this.open, this.delimiter, Header) = (file, open, delimiter, header);

    public string Path => file.Path;
    public string[] Header { get; }

    /// <summary>Reads the header (the first record; comma unless it has more semicolons or tabs) and nothing more.</summary>
    public static async Task<CsvDocument> OpenAsync(UploadFile file, OpenSource open, CancellationToken ct)
    {
        var delimiter = await SniffDelimiterAsync(file, open, ct);
        string[]? header = null;
        var document = new CsvDocument(file, open, delimiter, []);
        await document.ReadRecordsAsync(values =>
        {
            header = values;
            return false;
        }, ct);
        if (header is null || header.All(string.IsNullOrWhiteSpace))
            throw new DatasetFormatException($"{file.Path} is empty: a CSV file needs a header line naming its columns.");
        header = header.Select((name, i) => Unescape(name).Trim() is { Length: > 0 } n ? n : $"column {i + 1}").ToArray();
        if (header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new DatasetFormatException($"{file.Path}: the column '{twice.Key}' appears more than once in the header.");
        return new CsvDocument(file, open, delimiter, header);
    }

    /// <summary>
    /// Streams the data rows to <paramref name="onRow"/> (values unescaped, blank lines skipped); a row of another width
    /// is added to <paramref name="problems"/> when given. A file with a header but no rows is refused.
    /// </summary>
    public async Task ReadRowsAsync(Action<CsvRow> onRow, List<ImportProblem>? problems, CancellationToken ct)
    {
        var number = 0;
        var header = true;
        await ReadRecordsAsync(values =>
        {
            if (header)
            {
                header = false;
                return true;
            }
            if (Header.Length > 1 && values is [""]) return true;
            number++;
            if (values.Length == Header.Length)
            {
                for (var i = 0; i < values.Length; i++) values[i] = Unescape(values[i]);
                onRow(new CsvRow(number, values));
            }
            else problems?.Add(new(RowName(Path, number), $"{values.Length} values, the header has {Header.Length}"));
            if (number % CancelCheckRows == 0) ct.ThrowIfCancellationRequested();
            return true;
        }, ct);
        if (number == 0) throw new DatasetFormatException($"{Path} has a header but no rows.");
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

    /// <summary>Every record of the file, header included, while <paramref name="onRecord"/> returns true. UTF-8 unless a byte-order mark says otherwise.</summary>
    private async Task ReadRecordsAsync(Func<string[], bool> onRecord, CancellationToken ct)
    {
        await using var stream = await open(file.Source, ct);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        var records = 0;
        try
        {
            foreach (var row in reader)
            {
                records++;
                var values = new string[row.ColCount];
                for (var i = 0; i < values.Length; i++) values[i] = row[i].ToString();
                if (!onRecord(values)) return;
            }
        }
        catch (NotSupportedException e)
        {
            // Sep refuses a record longer than its buffer limit (16 M characters): in practice, a quote left open.
            throw new DatasetFormatException(
                $"{(records == 0 ? $"{Path} header" : RowName(Path, records))}: a record runs on for millions of characters; is a quote left open? ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Comma, unless the header line has more semicolons or tabs (spreadsheets in some locales write those).</summary>
    private static async Task<char> SniffDelimiterAsync(UploadFile file, OpenSource open, CancellationToken ct)
    {
        await using var stream = await open(file.Source, ct);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        var buffer = new char[16 * 1024];
        int read;
        // The header line only, however long, reading a block at a time.
        while ((read = await reader.ReadBlockAsync(buffer, ct)) > 0)
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '"') quoted = !quoted;
                else if (!quoted && c is '\n' or '\r') return Pick(counts);
                else if (!quoted && counts.ContainsKey(c)) counts[c]++;
            }
        return Pick(counts);
    }

    private static char Pick(Dictionary<char, int> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == ',' ? 0 : 1).First().Key;
}
