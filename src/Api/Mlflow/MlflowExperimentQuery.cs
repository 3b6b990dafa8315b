namespace Platform.Api.Mlflow;

/// <summary>experiments/search: filters on the name and times, order_by on name, creation_time, last_update_time.</summary>
public static class MlflowExperimentQuery
{
    public static IQueryable<Experiment> Filter(IQueryable<Experiment> query, string? filter)
    {
        foreach (var c in MlflowFilter.Parse(filter))
        {
            if (c.Entity != MlflowEntity.Attribute)
                throw MlflowFilter.Invalid(filter!, "experiments are searched by attributes only (name, creation_time, last_update_time)");
            query = (c.Key, c.Comparator, c.Value) switch
            {
                ("name", "=", string name) => query.Where(e => e.Name == name),
                ("name", "!=", string name) => query.Where(e => e.Name != name),
                ("name", "LIKE", string pattern) => query.Where(e => EF.Functions.Like(e.Name, pattern)),
                ("name", "ILIKE", string pattern) => query.Where(e => EF.Functions.Like(e.Name.ToLower(), pattern.ToLowerInvariant())),
                ("creation_time" or "last_update_time", _, double ms) => Time(query, c.Key, c.Comparator, MlflowMapping.FromMillis((long)ms, c.Key)),
                _ => throw MlflowFilter.Invalid(filter!, $"'{c.Key} {c.Comparator} {c.Value}' is not supported for experiments"),
            };
        }
        return query;
    }

    private static IQueryable<Experiment> Time(IQueryable<Experiment> query, string key, string comparator, DateTimeOffset at) =>
        (key == "creation_time", comparator) switch
        {
            (true, "=") => query.Where(e => e.CreatedAt == at),
            (true, "!=") => query.Where(e => e.CreatedAt != at),
            (true, "<") => query.Where(e => e.CreatedAt < at),
            (true, "<=") => query.Where(e => e.CreatedAt <= at),
            (true, ">") => query.Where(e => e.CreatedAt > at),
            (true, ">=") => query.Where(e => e.CreatedAt >= at),
            (false, "=") => query.Where(e => e.UpdatedAt == at),
            (false, "!=") => query.Where(e => e.UpdatedAt != at),
            (false, "<") => query.Where(e => e.UpdatedAt < at),
            (false, "<=") => query.Where(e => e.UpdatedAt <= at),
            (false, ">") => query.Where(e => e.UpdatedAt > at),
            (false, ">=") => query.Where(e => e.UpdatedAt >= at),
            _ => throw MlflowException.InvalidParameter($"'{comparator}' is not a valid comparator for {key}."),
        };

    public static IQueryable<Experiment> Order(IQueryable<Experiment> query, IReadOnlyList<string> orderBy)
    {
        IOrderedQueryable<Experiment>? ordered = null;
        foreach (var o in orderBy.Select(MlflowFilter.ParseOrder))
        {
            if (o.Entity != MlflowEntity.Attribute) throw MlflowException.InvalidParameter($"Invalid order_by entity for experiments: '{o.Key}'.");
            ordered = (o.Key, o.Ascending, ordered) switch
            {
                ("name", true, null) => query.OrderBy(e => e.Name),
                ("name", false, null) => query.OrderByDescending(e => e.Name),
                ("name", true, _) => ordered.ThenBy(e => e.Name),
                ("name", false, _) => ordered.ThenByDescending(e => e.Name),
                ("creation_time", true, null) => query.OrderBy(e => e.CreatedAt),
                ("creation_time", false, null) => query.OrderByDescending(e => e.CreatedAt),
                ("creation_time", true, _) => ordered.ThenBy(e => e.CreatedAt),
                ("creation_time", false, _) => ordered.ThenByDescending(e => e.CreatedAt),
                ("last_update_time", true, null) => query.OrderBy(e => e.UpdatedAt),
                ("last_update_time", false, null) => query.OrderByDescending(e => e.UpdatedAt),
                ("last_update_time", true, _) => ordered.ThenBy(e => e.UpdatedAt),
                ("last_update_time", false, _) => ordered.ThenByDescending(e => e.UpdatedAt),
                ("experiment_id", true, null) => query.OrderBy(e => e.Id),
                ("experiment_id", false, null) => query.OrderByDescending(e => e.Id),
                ("experiment_id", true, _) => ordered.ThenBy(e => e.Id),
                ("experiment_id", false, _) => ordered.ThenByDescending(e => e.Id),
                _ => throw MlflowException.InvalidParameter(
                    $"Invalid order_by attribute '{o.Key}' for experiments; use name, creation_time, last_update_time or experiment_id."),
            };
        }
        // MLflow's default and tiebreak: newest first, then id.
        ordered = ordered is null ? query.OrderByDescending(e => e.CreatedAt) : ordered.ThenByDescending(e => e.CreatedAt);
        return ordered.ThenBy(e => e.Id);
    }
}
