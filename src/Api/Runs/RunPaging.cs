using System.Linq.Expressions;
using System.Text.Json;

namespace Platform.Api.Runs;

/// <summary>
/// Keyset paging of runs in any <see cref="RunSort"/>: rows without the sort value (a missing or NaN metric, a missing
/// param or score) come last in either direction, ties are broken by id, and the cursor carries the order, the last
/// row's value and its id. The default order keeps the plain id cursor and its index.
/// </summary>
public static class RunPaging
{
    private static readonly System.Reflection.MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;
    private static readonly System.Reflection.MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static Task<Page<Run>> ToSortedPageAsync(this IQueryable<Run> runs, PlatformDb db, RunSort sort, string? cursor, int? limit, CancellationToken ct) =>
        sort.Kind switch
        {
            RunSortKind.Created => runs.ToPageAsync(cursor, limit, r => r.Id, sort.Descending, ct),
            RunSortKind.Name => PageAsync<string?>(runs, r => r.Name, sort, cursor, limit, v => v, v => v, ct),
            RunSortKind.Status => PageAsync(runs, StatusRank, sort, cursor, limit, v => v?.ToString(), v => (int?)int.Parse(v), ct),
            RunSortKind.Score => PageAsync(runs, r => r.Score, sort, cursor, limit, Format, Parse, ct),
            RunSortKind.Metric => PageAsync(runs, LatestMetric(db, sort.Key!), sort, cursor, limit, Format, Parse, ct),
            _ => PageAsync(runs, Param(db, sort.Key!), sort, cursor, limit, v => v, v => v, ct),
        };

    /// <summary>The latest value of a metric (highest step, then newest), as the MLflow search compares it; NaN is NULL.</summary>
    public static Expression<Func<Run, double?>> LatestMetric(PlatformDb db, string name) => r => db.RunMetrics
        .Where(m => m.RunId == r.Id && m.Name == name)
        .OrderByDescending(m => m.Step).ThenByDescending(m => m.Timestamp).ThenByDescending(m => m.Id)
        .Select(m => m.StoredValue).FirstOrDefault();

    private static Expression<Func<Run, string?>> Param(PlatformDb db, string key) => r => db.RunParams
        .Where(p => p.RunId == r.Id && p.Key == key).Select(p => p.Value).FirstOrDefault();

    // Statuses sort in their life-cycle order (queued, running, succeeded, failed, cancelled), not alphabetically.
    private static readonly Expression<Func<Run, int?>> StatusRank = r => (int?)(r.Status == RunStatus.Queued ? 0
        : r.Status == RunStatus.Running ? 1 : r.Status == RunStatus.Succeeded ? 2 : r.Status == RunStatus.Failed ? 3 : 4);

    private static string? Format(double? value) => value is { } v ? RunSort.Format(v) : null;

    private static double? Parse(string text) => RunSort.ParseDouble(text);

    private static async Task<Page<Run>> PageAsync<TKey>(IQueryable<Run> runs, Expression<Func<Run, TKey>> key, RunSort sort,
        string? cursor, int? limit, Func<TKey, string?> format, Func<string, TKey> parse, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var isNull = Expression.Lambda<Func<Run, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
        if (Decode(cursor, sort) is { } after) runs = runs.Where(After(key, isNull, after.Value is null ? default : Read(parse, after.Value), after.Value is null, after.Id, sort.Descending));
        var ordered = runs.OrderBy(isNull);
        ordered = sort.Descending ? ordered.ThenByDescending(key).ThenByDescending(r => r.Id) : ordered.ThenBy(key).ThenBy(r => r.Id);
        var rows = await ordered.Take(take + 1).ToListAsync(ct);
        var compiled = key.Compile();
        return Cursor.ToPage(rows, take, r => JsonSerializer.Serialize(new SortCursor(sort.Text, format(compiled(r)), r.Id)), r => r);
    }

    /// <summary>Rows after (value, id) in the order: nulls come after every value, and among nulls the id decides.</summary>
    private static Expression<Func<Run, bool>> After<TKey>(Expression<Func<Run, TKey>> key, Expression<Func<Run, bool>> isNull,
        TKey? value, bool valueIsNull, Guid id, bool descending)
    {
        var run = key.Parameters[0];
        var idBeyond = Beyond(Expression.Call(Expression.Property(run, nameof(Run.Id)), GuidCompareTo, Parameter(id)), descending);
        if (valueIsNull) return Expression.Lambda<Func<Run, bool>>(Expression.AndAlso(isNull.Body, idBeyond), run);
        var boxed = Parameter(value);
        var compared = typeof(TKey) == typeof(string) ? Expression.Call(StringCompare, key.Body, boxed) : null;
        var valueBeyond = compared is not null ? Beyond(compared, descending)
            : descending ? Expression.LessThan(key.Body, boxed) : Expression.GreaterThan(key.Body, boxed);
        var same = Expression.AndAlso(Expression.Equal(key.Body, boxed), idBeyond);
        return Expression.Lambda<Func<Run, bool>>(Expression.OrElse(isNull.Body, Expression.OrElse(valueBeyond, same)), run);
    }

    private static BinaryExpression Beyond(Expression comparison, bool descending) => descending
        ? Expression.LessThan(comparison, Expression.Constant(0))
        : Expression.GreaterThan(comparison, Expression.Constant(0));

    /// <summary>A value read from a closure, so EF Core sends it as a query parameter rather than inlining it.</summary>
    private static MemberExpression Parameter<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private static TKey Read<TKey>(Func<string, TKey> parse, string text)
    {
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or OverflowException) { throw new InvalidCursorException(); }
    }

    private static SortCursor? Decode(string? cursor, RunSort sort)
    {
        if (!Cursor.TryDecode(cursor, out var text)) throw new InvalidCursorException();
        if (text is null) return null;
        try
        {
            var decoded = JsonSerializer.Deserialize<SortCursor>(text);
            // A cursor of another order would skip or repeat rows.
            return decoded is not null && decoded.Sort == sort.Text ? decoded : throw new InvalidCursorException();
        }
        catch (JsonException) { throw new InvalidCursorException(); }
    }

    private sealed record SortCursor(string Sort, string? Value, Guid Id);

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}
