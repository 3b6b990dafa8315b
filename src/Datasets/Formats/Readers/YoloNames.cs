namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// The class names of a YOLO dataset: the names: entry of data.yaml (a flow list, a block list or an id map, quotes
/// optional), or classes.txt with one name a line. Only this much YAML is understood; the rest of the file is ignored.
/// </summary>
internal static class YoloNames
{
    public static readonly string[] YamlFiles = ["data.yaml", "data.yml", "dataset.yaml", "dataset.yml"];
    public static readonly string[] ListFiles = ["classes.txt", "obj.names"];

    public static bool IsNamesFile(string path) =>
        YamlFiles.Concat(ListFiles).Contains(LayoutNames.FileName(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The shallowest data.yaml, else the shallowest classes.txt.</summary>
    public static UploadFile? Find(Upload upload) =>
        Shallowest(upload, YamlFiles) ?? Shallowest(upload, ListFiles);

    public static IReadOnlyList<string> Parse(UploadFile file, string text) =>
        ListFiles.Contains(LayoutNames.FileName(file.Path), StringComparer.OrdinalIgnoreCase)
            ? text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
            : ParseYaml(file.Path, text);

    private static UploadFile? Shallowest(Upload upload, string[] names) => upload.Files
        .Where(f => names.Contains(LayoutNames.FileName(f.Path), StringComparer.OrdinalIgnoreCase))
        .OrderBy(f => f.Path.Count(c => c == '/'))
        .ThenBy(f => Array.FindIndex(names, n => n.Equals(LayoutNames.FileName(f.Path), StringComparison.OrdinalIgnoreCase)))
        .FirstOrDefault();

    private static List<string> ParseYaml(string path, string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("names", StringComparison.Ordinal)
            && l.TrimStart()[5..].TrimStart().StartsWith(':'));
        if (start < 0) throw new DatasetFormatException($"{path} has no names: entry listing the classes.");
        var indent = Indent(lines[start]);
        var rest = Yaml.StripComment(lines[start][(lines[start].IndexOf(':') + 1)..]).Trim();
        if (rest.StartsWith('[') || rest.StartsWith('{'))
        {
            var flow = rest;
            for (var i = start + 1; !Yaml.FlowClosed(flow) && i < lines.Length; i++) flow += " " + Yaml.StripComment(lines[i]).Trim();
            flow = flow.Trim();
            if (!Yaml.FlowClosed(flow) || flow[^1] != (rest[0] == '[' ? ']' : '}'))
                throw new DatasetFormatException($"{path}: the names: list is not closed.");
            var entries = Yaml.SplitFlow(flow[1..^1]);
            return rest.StartsWith('[') ? entries.Select(Yaml.Unquote).ToList() : FromMap(path, entries);
        }
        if (rest.Length > 0) throw new DatasetFormatException($"{path}: names: should be a list of class names, not '{rest}'.");

        var block = new List<string>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = Yaml.StripComment(lines[i]);
            if (line.Trim().Length == 0) continue;
            var entry = line.Trim();
            var inside = Indent(line) > indent || (Indent(line) == indent && entry.StartsWith('-'));
            if (!inside) break;
            block.Add(entry);
        }
        return block.All(e => e.StartsWith('-'))
            ? block.Select(e => Yaml.Unquote(e[1..])).ToList()
            : FromMap(path, block);
    }

    private static List<string> FromMap(string path, IEnumerable<string> entries)
    {
        var map = new SortedDictionary<int, string>();
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':');
            if (colon < 0 || !int.TryParse(Yaml.Unquote(entry[..colon]), out var id) || id < 0 || !map.TryAdd(id, Yaml.Unquote(entry[(colon + 1)..])))
                throw new DatasetFormatException($"{path}: cannot read the class name entry '{entry}' (expected 0: name).");
        }
        var missing = Enumerable.Range(0, map.Count).FirstOrDefault(i => !map.ContainsKey(i), -1);
        if (missing >= 0) throw new DatasetFormatException($"{path}: the class names skip id {missing}.");
        return map.Values.ToList();
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
