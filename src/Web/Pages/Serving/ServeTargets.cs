using Platform.Contracts;

namespace Platform.Web.Pages.Serving;

/// <summary>One thing an endpoint may serve: an alias it follows, or a fixed version.</summary>
public sealed record ServeTarget(string Key, string Label, string? Alias, int? Version);

public static class ServeTargets
{
    /// <summary>The model's aliases (production first), then its versions, newest first.</summary>
    public static IReadOnlyList<ServeTarget> Options(IEnumerable<ModelAliasDto> aliases, IEnumerable<int> versions) =>
    [
        .. aliases.OrderBy(a => a.Name != "production").ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new ServeTarget(AliasKey(a.Name), $"follow alias {a.Name} (v{a.Version})", a.Name, null)),
        .. versions.Distinct().OrderDescending().Select(v => new ServeTarget(VersionKey(v), $"v{v} (fixed)", null, v)),
    ];

    /// <summary>The production alias if the model has one, else its newest version.</summary>
    public static string? Default(IReadOnlyList<ServeTarget> options) =>
        (options.FirstOrDefault(o => o.Alias == "production") ?? options.FirstOrDefault(o => o.Version is not null) ?? options.FirstOrDefault())?.Key;

    public static string Key(EndpointDto endpoint) => endpoint.Alias is { } alias ? AliasKey(alias) : VersionKey(endpoint.Version);

    private static string AliasKey(string alias) => "alias:" + alias;

    private static string VersionKey(int version) => "v:" + version;
}
