using System.Text;

namespace Platform.Datasets.Formats.Readers;

/// <summary>The few pieces of YAML syntax that a names: entry uses: quotes, comments and flow collections.</summary>
internal static class Yaml
{
    public static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null) { if (c == quote) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    public static bool FlowClosed(string flow) => Depth(flow) == 0;

    /// <summary>Splits the inside of [a, 'b, c', d] at the commas outside quotes and nested brackets.</summary>
    public static List<string> SplitFlow(string inner)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var depth = 0;
        foreach (var c in inner)
        {
            if (quote is not null) { if (c == quote) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        parts.Add(current.ToString());
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    public static string Unquote(string value)
    {
        value = value.Trim();
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1].Replace("''", "'");
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            return value[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\");
        return value;
    }

    private static int Depth(string flow)
    {
        char? quote = null;
        var depth = 0;
        foreach (var c in flow)
        {
            if (quote is not null) { if (c == quote) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
        }
        return depth;
    }
}
