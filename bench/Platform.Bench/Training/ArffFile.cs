using System.Text;

namespace Platform.Bench.Training;

/// <summary>
/// A dense Weka ARFF file (the format of Weka's example sets, which Debian ships in the <c>weka</c> package): attribute
/// names and types, and rows of values (null for <c>?</c>). Values may be quoted with ' or " and use backslash escapes.
/// Only what the bench converts is read; sparse rows (<c>{…}</c>) and relational attributes are refused.
/// </summary>
internal sealed record ArffFile(IReadOnlyList<(string Name, string Type)> Attributes, IReadOnlyList<string?[]> Rows)
{
    public static ArffFile Read(string path)
    {
        var attributes = new List<(string, string)>();
        var rows = new List<string?[]>();
        var inData = false;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '%') continue;
            if (!inData)
            {
                if (line.StartsWith("@attribute", StringComparison.OrdinalIgnoreCase))
                {
                    var values = Split(line["@attribute".Length..].Replace('\t', ' ').Trim(), ' ', limit: 2, path, number);
                    attributes.Add((values[0]!, values.Length > 1 ? values[1]!.Trim() : ""));
                }
                else if (line.StartsWith("@data", StringComparison.OrdinalIgnoreCase))
                {
                    inData = true;
                }
                continue;
            }
            if (line[0] == '{') throw new InvalidDataException($"{path}:{number}: sparse ARFF rows are not supported.");
            var row = Split(line, ',', limit: int.MaxValue, path, number);
            if (row.Length != attributes.Count) throw new InvalidDataException($"{path}:{number}: {row.Length} values for {attributes.Count} attributes.");
            rows.Add(row);
        }
        if (attributes.Count == 0) throw new InvalidDataException($"{path} declares no @attribute.");
        return new ArffFile(attributes, rows);
    }

    public bool IsString(int attribute) => Attributes[attribute].Type.Equals("string", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits on <paramref name="separator"/> outside quotes; an unquoted <c>?</c> is a missing value (null).</summary>
    private static string?[] Split(string line, char separator, int limit, string path, int number)
    {
        var values = new List<string?>();
        var i = 0;
        while (i < line.Length && values.Count < limit)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (values.Count == limit - 1)
            {
                values.Add(line[i..]);
                break;
            }
            if (i < line.Length && line[i] is '\'' or '"')
            {
                var quote = line[i++];
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw new InvalidDataException($"{path}:{number}: a quoted value is not closed.");
                    var c = line[i++];
                    if (c == quote) break;
                    if (c == '\\' && i < line.Length)
                    {
                        var escaped = line[i++];
                        value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }
                values.Add(value.ToString());
                while (i < line.Length && line[i] != separator) i++;
            }
            else
            {
                var end = line.IndexOf(separator, i);
                if (end < 0) end = line.Length;
                var value = line[i..end].Trim();
                values.Add(value == "?" ? null : value);
                i = end;
            }
            if (i < line.Length && line[i] == separator) i++;
        }
        return [.. values];
    }
}
