using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Platform.Api.Tests.Operations;

/// <summary>The repository's infra/ folder, found above the test binaries, and its YAML read as plain maps.</summary>
public static class InfraFolder
{
    public static string Root { get; } = FindRepository();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>YAML with merge keys (<c>&lt;&lt;: *anchor</c>) resolved, as compose resolves them.</summary>
    public static Dictionary<object, object> Yaml(string relative)
    {
        using var reader = new StringReader(Text(relative));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    public static Dictionary<object, object> Map(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<object, object> child ? child : [];

    public static string? Scalar(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;

    public static List<string> List(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object> items ? items.Select(i => i.ToString()!).ToList() : [];

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "infra", "compose.yaml"))) return dir.FullName;
        throw new DirectoryNotFoundException("infra/compose.yaml was not found above " + AppContext.BaseDirectory);
    }
}
