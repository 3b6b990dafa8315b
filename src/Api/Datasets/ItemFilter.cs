namespace Platform.Api.Datasets;

/// <summary>The gallery's filters, as a LINQ condition (path order) and as SQL (the mixed order's window query).</summary>
public sealed record ItemFilter(string? Label, DatasetSplit? Split, string? Search)
{
    public IQueryable<DatasetItem> Apply(IQueryable<DatasetItem> query)
    {
        if (Label is not null) query = query.Where(i => i.Label == Label);
        if (Split is { } s) query = query.Where(i => i.Split == s);
        if (Search is not null) query = query.Where(i => i.FileName.Contains(Search));
        return query;
    }

    /// <summary>" AND …" conditions with {n} placeholders appended to <paramref name="args"/> (values stored as EF Core stores them).</summary>
    public string Sql(bool postgres, List<object> args)
    {
        var sql = "";
        if (Label is not null) sql += $" AND \"Label\" = {{{Add(args, Label)}}}";
        if (Split is { } s) sql += $" AND \"Split\" = {{{Add(args, s.ToString())}}}";
        if (Search is not null)
            sql += postgres ? $" AND strpos(\"FileName\", {{{Add(args, Search)}}}) > 0" : $" AND instr(\"FileName\", {{{Add(args, Search)}}}) > 0";
        return sql;
    }

    private static int Add(List<object> args, object value)
    {
        args.Add(value);
        return args.Count - 1;
    }
}
