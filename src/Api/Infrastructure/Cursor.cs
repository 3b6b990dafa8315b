namespace Platform.Api.Infrastructure;

/// <summary>Keyset paging: the cursor is the last key of the previous page, opaque to clients.</summary>
public static class Cursor
{
    public static int Limit(int? limit) => Math.Clamp(limit ?? Paging.DefaultLimit, 1, Paging.MaxLimit);

    public static string Encode(string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out string? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            key = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            return true;
        }
        catch (FormatException) { return false; }
    }

    public static bool TryDecodeGuid(string? cursor, out Guid? after)
    {
        after = null;
        if (!TryDecode(cursor, out var key)) return false;
        if (key is null) return true;
        if (!Guid.TryParse(key, out var id)) return false;
        after = id;
        return true;
    }

    public static bool TryDecodeLong(string? cursor, out long? after)
    {
        after = null;
        if (!TryDecode(cursor, out var key)) return false;
        if (key is null) return true;
        if (!long.TryParse(key, out var id)) return false;
        after = id;
        return true;
    }

    /// <summary>Takes one row more than the page to know whether a next page exists.</summary>
    public static Page<TDto> ToPage<TRow, TDto>(List<TRow> rows, int limit, Func<TRow, string> key, Func<TRow, TDto> map) =>
        new(rows.Take(limit).Select(map).ToList(), rows.Count > limit ? Encode(key(rows[limit - 1])) : null);

    public static IResult Invalid() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid; start again without one."] });
}
