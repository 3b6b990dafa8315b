using System.Linq.Expressions;

namespace Platform.Api.Infrastructure;

/// <summary>Keyset paging over a Guid key (version 7, so creation order): one query, one row more than the page.</summary>
public static class Keyset
{
    private static readonly System.Reflection.MethodInfo CompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    public static async Task<IResult> PageAsync<T, TDto>(this IQueryable<T> query, string? cursor, int? limit,
        Expression<Func<T, Guid>> key, bool newestFirst, Func<T, TDto> map, CancellationToken ct)
    {
        if (!Cursor.TryDecodeGuid(cursor, out var after)) return Cursor.Invalid();
        var page = await FetchAsync(query, after, limit, key, newestFirst, ct);
        return TypedResults.Ok(new Page<TDto>(page.Items.Select(map).ToList(), page.NextCursor));
    }

    /// <summary>Like <see cref="PageAsync"/> but returns the rows, for handlers that map with extra data; a bad cursor is the same 400.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, string? cursor, int? limit,
        Expression<Func<T, Guid>> key, bool newestFirst, CancellationToken ct) =>
        Cursor.TryDecodeGuid(cursor, out var after)
            ? await FetchAsync(query, after, limit, key, newestFirst, ct)
            : throw new InvalidCursorException();

    /// <summary>The page after a known key (a position the caller found), as if its cursor had been given.</summary>
    public static Task<Page<T>> ToPageAfterAsync<T>(this IQueryable<T> query, Guid after, int? limit,
        Expression<Func<T, Guid>> key, bool newestFirst, CancellationToken ct) =>
        FetchAsync(query, after, limit, key, newestFirst, ct);

    private static async Task<Page<T>> FetchAsync<T>(IQueryable<T> query, Guid? after, int? limit,
        Expression<Func<T, Guid>> key, bool newestFirst, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        if (after is { } a) query = query.Where(Beyond(key, a, newestFirst));
        query = newestFirst ? query.OrderByDescending(key) : query.OrderBy(key);
        var rows = await query.Take(take + 1).ToListAsync(ct);
        var compiled = key.Compile();
        return Cursor.ToPage(rows, take, r => compiled(r).ToString(), r => r);
    }

    /// <summary>key.CompareTo(after) &gt; 0 (or &lt; 0 newest first), which EF Core translates to a plain comparison.</summary>
    private static Expression<Func<T, bool>> Beyond<T>(Expression<Func<T, Guid>> key, Guid after, bool newestFirst)
    {
        var compare = Expression.Call(key.Body, CompareTo, Expression.Constant(after));
        var zero = Expression.Constant(0);
        Expression test = newestFirst ? Expression.LessThan(compare, zero) : Expression.GreaterThan(compare, zero);
        return Expression.Lambda<Func<T, bool>>(test, key.Parameters);
    }
}

/// <summary>A cursor that does not decode; answered like <see cref="Cursor.Invalid"/>.</summary>
public sealed class InvalidCursorException() : Exception("The cursor is not valid; start again without one.");
