using System.Globalization;

namespace Platform.Api.Runs;

public enum RunSortKind { Created, Name, Status, Score, Metric, Param }

/// <summary>
/// The runs table's order, written <c>field [asc|desc]</c>: <c>created</c> (the default, newest first), <c>name</c>,
/// <c>status</c>, <c>score</c>, <c>metrics.&lt;name&gt;</c> (its latest value) or <c>params.&lt;key&gt;</c> (compared as
/// text). Ascending unless <c>desc</c> is given, except a bare <c>created</c>.
/// </summary>
public sealed record RunSort(RunSortKind Kind, string? Key, bool Descending)
{
    public static readonly RunSort Default = new(RunSortKind.Created, null, true);

    /// <summary>Spelled the same way for the same order, so a cursor can say which order it belongs to.</summary>
    public string Text => Kind switch
    {
        RunSortKind.Metric => "metrics." + Key,
        RunSortKind.Param => "params." + Key,
        _ => Kind.ToString().ToLowerInvariant(),
    } + (Descending ? " desc" : " asc");

    public static bool TryParse(string? text, out RunSort sort, out string? error)
    {
        sort = Default;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var field = text.Trim();
        bool? descending = null;
        if (EndsWithWord(field, "desc")) (descending, field) = (true, field[..^4].TrimEnd());
        else if (EndsWithWord(field, "asc")) (descending, field) = (false, field[..^3].TrimEnd());
        var parsed = field.ToLowerInvariant() switch
        {
            "created" => new RunSort(RunSortKind.Created, null, descending ?? true),
            "name" => new RunSort(RunSortKind.Name, null, descending ?? false),
            "status" => new RunSort(RunSortKind.Status, null, descending ?? false),
            "score" => new RunSort(RunSortKind.Score, null, descending ?? false),
            _ when Prefixed(field, "metrics.") is { } name => new RunSort(RunSortKind.Metric, name, descending ?? false),
            _ when Prefixed(field, "params.") is { } key => new RunSort(RunSortKind.Param, key, descending ?? false),
            _ => null,
        };
        if (parsed is null)
        {
            error = $"Cannot sort by '{field}'; use created, name, status, score, metrics.<name> or params.<key>, then asc or desc.";
            return false;
        }
        sort = parsed;
        return true;
    }

    private static bool EndsWithWord(string text, string word) =>
        text.Length > word.Length && text.EndsWith(word, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(text[^(word.Length + 1)]);

    private static string? Prefixed(string field, string prefix) =>
        field.Length > prefix.Length && field.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? field[prefix.Length..] : null;

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
