using System.Text;

namespace Platform.Datasets.Formats.Readers;

/// <summary>RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks. Lenient about stray quotes.</summary>
internal static class CsvParser
{
    /// <summary>Comma, unless the header line has more semicolons or tabs (spreadsheets in some locales write those).</summary>
    public static char SniffDelimiter(string text)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && counts.ContainsKey(c)) counts[c]++;
        }
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == ',' ? 0 : 1).First().Key;
    }

    public static IEnumerable<string[]> Records(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i + 1, field);
                continue;
            }
            i++;
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i < text.Length && text[i] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else field.Append(c);
        }
        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    /// <summary>Reads a quoted field's content from just after its opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string text, int i, StringBuilder field)
    {
        while (i < text.Length)
        {
            var c = text[i++];
            if (c != '"') field.Append(c);
            else if (i < text.Length && text[i] == '"') { field.Append('"'); i++; }
            else return i;
        }
        return i;
    }
}
