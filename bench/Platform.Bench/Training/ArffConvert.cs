using System.Text;
using System.Text.Json;

namespace Platform.Bench.Training;

/// <summary>
/// arff --train A.arff [--test B.arff] --out FILE: Weka ARFF files as one upload for <c>quality --data</c> and
/// <c>product-quality --data</c>, every row with its split. FILE.jsonl: a text set (one string attribute, the last
/// attribute the label) as {"text", "label", "split"} lines. FILE.csv: a table with the attributes as columns (the last
/// one the target) and a split column.
/// </summary>
internal static class ArffConvert
{
    public static int Write(string[] options)
    {
        string? Option(string name) => Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        var train = Option("--train");
        var output = Option("--out");
        if (train is null || output is null)
        {
            Console.Error.WriteLine("arff --train A.arff [--test B.arff] --out FILE.jsonl|FILE.csv");
            return 2;
        }
        var parts = new List<(ArffFile File, string Split)> { (ArffFile.Read(train), "train") };
        if (Option("--test") is { } test) parts.Add((ArffFile.Read(test), "test"));
        var first = parts[0].File;
        if (parts.Any(p => !p.File.Attributes.Select(a => a.Name).SequenceEqual(first.Attributes.Select(a => a.Name))))
            throw new InvalidDataException("The train and test files declare different attributes.");

        var written = output.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? WriteTexts(parts, output) : WriteTable(parts, output);
        Console.WriteLine($"{output}: {written:N0} rows ({string.Join(", ", parts.Select(p => $"{p.File.Rows.Count:N0} {p.Split}"))})");
        return 0;
    }

    private static int WriteTexts(List<(ArffFile File, string Split)> parts, string output)
    {
        var attributes = parts[0].File;
        var text = Enumerable.Range(0, attributes.Attributes.Count).Where(attributes.IsString).ToList();
        if (text.Count != 1) throw new InvalidDataException($"A text set needs exactly one string attribute; the file has {text.Count}.");
        var label = attributes.Attributes.Count - 1;
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        var count = 0;
        foreach (var (file, split) in parts)
        {
            foreach (var row in file.Rows.Where(r => r[label] is not null))
            {
                writer.Write(JsonSerializer.Serialize(new { text = row[text[0]] ?? "", label = row[label], split }));
                writer.Write('\n');
                count++;
            }
        }
        return count;
    }

    private static int WriteTable(List<(ArffFile File, string Split)> parts, string output)
    {
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        writer.Write(Line([.. parts[0].File.Attributes.Select(a => a.Name), "split"]));
        var count = 0;
        foreach (var (file, split) in parts)
        {
            foreach (var row in file.Rows)
            {
                writer.Write(Line([.. row, split]));
                count++;
            }
        }
        return count;
    }

    private static string Line(IEnumerable<string?> cells) =>
        string.Join(',', cells.Select(c => c is null ? "" : c.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : c)) + "\n";
}
