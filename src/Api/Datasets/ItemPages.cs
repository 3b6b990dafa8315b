namespace Platform.Api.Datasets;

/// <summary>
/// Pages of one version's items. Path order pages by keyset and jumps to a position by reading ids from the
/// (version, [filter,] id) index alone. Mixed order deals the classes round-robin with a window function; its
/// cursor is the next position. Null when the position is past the end.
/// </summary>
public static class ItemPages
{
    public static async Task<Page<DatasetItem>?> PathAsync(IQueryable<DatasetItem> query, string? cursor, int? position, int? limit, CancellationToken ct)
    {
        if (position is not > 0) return await query.ToPageAsync(cursor, limit, i => i.Id, newestFirst: false, ct);
        var before = await query.OrderBy(i => i.Id).Select(i => i.Id).Skip(position.Value - 1).FirstOrDefaultAsync(ct);
        if (before == Guid.Empty) return null;
        var page = await query.ToPageAfterAsync(before, limit, i => i.Id, newestFirst: false, ct);
        return page.Items.Count == 0 ? null : page;
    }

    public static async Task<Page<DatasetItem>?> MixedAsync(PlatformDb db, Guid versionId, ItemFilter filter, string? cursor, int? position,
        int? limit, CancellationToken ct)
    {
        if (!Cursor.TryDecodeLong(cursor, out var after) || after is < 0 or > int.MaxValue) throw new InvalidCursorException();
        var start = position ?? (int)(after ?? 0);
        var take = Cursor.Limit(limit);
        var ids = await MixedIds(db, versionId, filter, start, take + 1).ToListAsync(ct);
        if (ids.Count == 0 && start > 0) return null;
        var page = ids.Take(take).ToList();
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == versionId && page.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var next = ids.Count > take ? Cursor.Encode((start + take).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return new Page<DatasetItem>(page.Select(id => rows[id]).ToList(), next);
    }

    /// <summary>Round n holds the n-th item (by path) of every class; rounds in order, classes by name within a round.</summary>
    private static IQueryable<Guid> MixedIds(PlatformDb db, Guid versionId, ItemFilter filter, int skip, int take)
    {
        var postgres = !db.Database.IsSqlite();
        // SQLite stores Guids as upper-case text (see DatasetItemBulk); PostgreSQL as uuid.
        List<object> args = [postgres ? versionId : versionId.ToString().ToUpperInvariant()];
        var where = filter.Sql(postgres, args);
        var collate = postgres ? " COLLATE \"C\"" : "";
        args.Add(take);
        args.Add(skip);
        var sql = $"""
            SELECT "Id" AS "Value" FROM (
                SELECT "Id", "Label", ROW_NUMBER() OVER (PARTITION BY "Label" ORDER BY "Id") AS "Round"
                FROM "DatasetItems" WHERE "VersionId" = {"{0}"}{where}) AS ranked
            ORDER BY "Round", "Label"{collate}, "Id" LIMIT {"{" + (args.Count - 2) + "}"} OFFSET {"{" + (args.Count - 1) + "}"}
            """;
        return db.Database.SqlQueryRaw<Guid>(sql, [.. args]);
    }
}
