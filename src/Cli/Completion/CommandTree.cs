using System.Xml.Linq;

namespace Platform.Cli.Completion;

/// <summary>One place on the command line ("", "datasets", "datasets push"): what may follow it.</summary>
public sealed record CommandPath(string Path, IReadOnlyList<string> Subcommands, IReadOnlyList<CompletionOption> Options);

/// <summary>An option's spellings, and for options that take a value, the values it accepts when they are a fixed set.</summary>
public sealed record CompletionOption(IReadOnlyList<string> Names, bool TakesValue, IReadOnlyList<string> Values);

/// <summary>Flattens Spectre's command model (the XML of <c>cli xmldoc</c>) into the paths completion scripts need.</summary>
public static class CommandTree
{
    private const string DefaultCommand = "__default_command";
    private static readonly CompletionOption Help = new(["-h", "--help"], false, []);

    public static IReadOnlyList<CommandPath> Flatten(XElement model)
    {
        var paths = new List<CommandPath>();
        Visit(model, "", [], paths);
        return paths;
    }

    /// <param name="inherited">A branch's options, which its subcommands take too.</param>
    private static void Visit(XElement node, string path, IReadOnlyList<CompletionOption> inherited, List<CommandPath> paths)
    {
        var children = node.Elements("Command").ToList();
        var subcommands = children.Select(c => (string)c.Attribute("Name")!).Where(n => n != DefaultCommand).ToList();
        var own = OptionsOf(node).Concat(children.Where(c => (string?)c.Attribute("Name") == DefaultCommand).SelectMany(OptionsOf));
        if (path == "") own = own.Append(new CompletionOption(["--version"], false, []));
        IReadOnlyList<CompletionOption> options = [.. inherited.Concat(own).DistinctBy(o => string.Join(',', o.Names))];
        paths.Add(new CommandPath(path, subcommands, [.. options.Append(Help)]));
        foreach (var child in children)
        {
            var name = (string)child.Attribute("Name")!;
            if (name != DefaultCommand) Visit(child, path.Length == 0 ? name : path + " " + name, path.Length == 0 ? [] : options, paths);
        }
    }

    private static IEnumerable<CompletionOption> OptionsOf(XElement command) =>
        command.Elements("Parameters").Elements("Option").Select(option =>
        {
            var names = Split((string?)option.Attribute("Short"), "-").Concat(Split((string?)option.Attribute("Long"), "--")).ToList();
            var takesValue = (string?)option.Attribute("Kind") != "flag";
            return new CompletionOption(names, takesValue, takesValue ? EnumValues((string?)option.Attribute("ClrType")) : []);
        });

    private static IEnumerable<string> Split(string? names, string prefix) =>
        (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => prefix + n);

    /// <summary>The names of an enum option's values, lower-cased as people type them (parsing ignores case).</summary>
    private static IReadOnlyList<string> EnumValues(string? clrType)
    {
        if (clrType is null) return [];
        var type = typeof(CommandTree).Assembly.GetType(clrType) ?? typeof(Contracts.PlatformClient).Assembly.GetType(clrType) ?? Type.GetType(clrType);
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type is { IsEnum: true } ? [.. Enum.GetNames(type).Select(n => n.ToLowerInvariant())] : [];
    }
}
