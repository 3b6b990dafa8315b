using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// The class names of a YOLO dataset: the names: entry of data.yaml (a flow list, a block list or an id map, quotes
/// optional, quotes and escapes as YAML has them), or classes.txt with one name a line. The rest of data.yaml is ignored.
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

    /// <summary>The top-level names: entry of a YOLO data.yaml, read by a YAML parser; the rest of the file is ignored.</summary>
    private static List<string> ParseYaml(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DatasetFormatException($"{path} is not valid YAML (line {e.Start.Line}: {Reason(e)}).");
        }
        var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        var names = root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "names" }).Value
            ?? throw new DatasetFormatException($"{path} has no names: entry listing the classes.");
        return names switch
        {
            YamlSequenceNode list => list.Children.Select((node, i) => Name(path, $"class {i}", node)).ToList(),
            YamlMappingNode map => FromMap(path, map),
            _ => throw new DatasetFormatException($"{path}: names: should be a list of class names, not '{Describe(names)}'."),
        };
    }

    private static List<string> FromMap(string path, YamlMappingNode entries)
    {
        var map = new SortedDictionary<int, string>();
        foreach (var (key, value) in entries.Children)
        {
            var text = $"{Describe(key)}: {Describe(value)}";
            if (key is not YamlScalarNode { Value: { } id } || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !map.TryAdd(number, Name(path, $"class {number}", value)))
                throw new DatasetFormatException($"{path}: cannot read the class name entry '{text}' (expected 0: name).");
        }
        var missing = Enumerable.Range(0, map.Count).FirstOrDefault(i => !map.ContainsKey(i), -1);
        if (missing >= 0) throw new DatasetFormatException($"{path}: the class names skip id {missing}.");
        return map.Values.ToList();
    }

    private static string Name(string path, string which, YamlNode node) => node is YamlScalarNode { Value: { Length: > 0 } name }
        ? name
        : throw new DatasetFormatException($"{path}: the name of {which} should be a single word or quoted text, not '{Describe(node)}'.");

    private static string Describe(YamlNode node)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value ?? "" : node.ToString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Reason(YamlException e) => (e.InnerException?.Message ?? e.Message).TrimEnd('.');
}
