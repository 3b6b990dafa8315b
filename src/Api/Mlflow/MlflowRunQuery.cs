using System.Linq.Expressions;

namespace Platform.Api.Mlflow;

/// <summary>
/// Turns parsed filters and order_by clauses into SQL over runs: a metric compares its latest value (highest step,
/// then newest), a param or tag its value; runs without that metric, param or tag never match and sort last.
/// </summary>
public sealed class MlflowRunQuery(PlatformDb db)
{
    private static readonly string[] NumberComparators = ["=", "!=", "<", "<=", ">", ">="];
    private static readonly string[] TextComparators = ["=", "!=", "LIKE", "ILIKE"];

    public IQueryable<Run> Filter(IQueryable<Run> runs, IEnumerable<MlflowClause> clauses, string filter)
    {
        foreach (var c in clauses) runs = runs.Where(Predicate(c, filter));
        return runs;
    }

    public IQueryable<Run> Order(IQueryable<Run> runs, IReadOnlyList<MlflowOrder> orders)
    {
        IOrderedQueryable<Run>? ordered = null;
        foreach (var o in orders)
        {
            ordered = o.Entity switch
            {
                MlflowEntity.Metric => NullsLast(runs, ordered, LatestMetric(o.Key), o.Ascending),
                MlflowEntity.Param => NullsLast(runs, ordered, Param(o.Key), o.Ascending),
                MlflowEntity.Tag => NullsLast(runs, ordered, Tag(o.Key), o.Ascending),
                _ => o.Key switch
                {
                    "start_time" or "created" => NullsLast(runs, ordered, r => r.StartedAt, o.Ascending),
                    "end_time" => NullsLast(runs, ordered, r => r.FinishedAt, o.Ascending),
                    "run_name" => ThenBy(runs, ordered, r => r.Name, o.Ascending),
                    "status" => ThenBy(runs, ordered, r => r.Status, o.Ascending),
                    "run_id" => ThenBy(runs, ordered, r => r.Id, o.Ascending),
                    _ => throw MlflowException.InvalidParameter($"Invalid order_by attribute '{o.Key}'; use start_time, end_time, run_name, status or run_id."),
                },
            };
        }
        // MLflow's tiebreak (and default order): newest start first, then run id.
        ordered = ordered is null ? runs.OrderByDescending(r => r.StartedAt) : ordered.ThenByDescending(r => r.StartedAt);
        return ordered.ThenBy(r => r.Id);
    }

    private Expression<Func<Run, bool>> Predicate(MlflowClause c, string filter)
    {
        switch (c.Entity)
        {
            case MlflowEntity.Metric:
                Require(c, NumberComparators, filter);
                if (c.Value is not double number) throw MlflowFilter.Invalid(filter, $"expected a numeric value for metric '{c.Key}'");
                return Compare(LatestMetric(c.Key), c.Comparator, (double?)number);
            case MlflowEntity.Param:
                Require(c, TextComparators, filter);
                return CompareText(Param(c.Key), c, filter);
            case MlflowEntity.Tag:
                Require(c, TextComparators, filter);
                return CompareText(Tag(c.Key), c, filter);
        }
        switch (c.Key)
        {
            case "run_name":
                if (c.Value is List<string> names) return c.Comparator == "IN" ? r => names.Contains(r.Name) : r => !names.Contains(r.Name);
                Require(c, TextComparators, filter);
                return CompareText(r => r.Name, c, filter);
            case "status":
                if (c.Value is List<string> statuses)
                {
                    var wanted = statuses.Select(s => MlflowMapping.ParseStatus(s) ?? throw BadStatus(s, filter)).ToList();
                    return c.Comparator == "IN" ? r => wanted.Contains(r.Status) : r => !wanted.Contains(r.Status);
                }
                Require(c, ["=", "!="], filter);
                var status = MlflowMapping.ParseStatus(c.Value as string) ?? throw BadStatus(c.Value, filter);
                return c.Comparator == "=" ? r => r.Status == status : r => r.Status != status;
            case "run_id":
                var ids = (c.Value as List<string> ?? [c.Value as string ?? throw MlflowFilter.Invalid(filter, "run_id takes quoted ids")])
                    .Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).ToList();
                return c.Comparator switch
                {
                    "=" or "IN" => r => ids.Contains(r.Id),
                    "!=" or "NOT IN" => r => !ids.Contains(r.Id),
                    _ => throw MlflowFilter.Invalid(filter, "run_id takes =, !=, IN or NOT IN"),
                };
            case "start_time" or "created" or "end_time":
                Require(c, NumberComparators, filter);
                if (c.Value is not double ms) throw MlflowFilter.Invalid(filter, $"expected milliseconds for '{c.Key}'");
                DateTimeOffset? at = MlflowMapping.FromMillis((long)ms, c.Key);
                return c.Key == "end_time" ? Compare<DateTimeOffset?>(r => r.FinishedAt, c.Comparator, at) : Compare<DateTimeOffset?>(r => r.StartedAt, c.Comparator, at);
            default:
                throw MlflowFilter.Invalid(filter, $"invalid attribute '{c.Key}'; use run_name, status, run_id, start_time or end_time");
        }
    }

    private static MlflowException BadStatus(object? value, string filter) =>
        MlflowFilter.Invalid(filter, $"'{value}' is not a run status (RUNNING, SCHEDULED, FINISHED, FAILED, KILLED)");

    private static void Require(MlflowClause c, string[] allowed, string filter)
    {
        if (!allowed.Contains(c.Comparator))
            throw MlflowFilter.Invalid(filter, $"'{c.Comparator}' is not a valid comparator for {c.Entity.ToString().ToLowerInvariant()} '{c.Key}'; use {string.Join(", ", allowed)}");
    }

    private Expression<Func<Run, double?>> LatestMetric(string key) => r => db.RunMetrics
        .Where(m => m.RunId == r.Id && m.Name == key)
        .OrderByDescending(m => m.Step).ThenByDescending(m => m.Timestamp).ThenByDescending(m => m.Id)
        .Select(m => m.StoredValue).FirstOrDefault();

    private Expression<Func<Run, string?>> Param(string key) => r => db.RunParams
        .Where(p => p.RunId == r.Id && p.Key == key).Select(p => p.Value).FirstOrDefault();

    private Expression<Func<Run, string?>> Tag(string key) => r => db.RunTags
        .Where(t => t.RunId == r.Id && t.Key == key).Select(t => t.Value).FirstOrDefault();

    private static Expression<Func<Run, bool>> CompareText(Expression<Func<Run, string?>> selector, MlflowClause c, string filter)
    {
        if (c.Value is not string text) throw MlflowFilter.Invalid(filter, $"expected a quoted string for '{c.Key}'");
        if (c.Comparator is "=" or "!=") return Compare(selector, c.Comparator, text);
        var ilike = c.Comparator == "ILIKE";
        var pattern = Expression.Property(Expression.Constant(new Box<string>(ilike ? text.ToLowerInvariant() : text)), nameof(Box<string>.Value));
        Expression value = selector.Body;
        if (ilike) value = Expression.Call(value, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;
        var body = Expression.AndAlso(
            Expression.NotEqual(selector.Body, Expression.Constant(null, typeof(string))),
            Expression.Call(like, Expression.Property(null, typeof(EF).GetProperty(nameof(EF.Functions))!), value, pattern));
        return Expression.Lambda<Func<Run, bool>>(body, selector.Parameters);
    }

    /// <summary>A comparison whose value is a query parameter; a run without the value never matches (!= included).</summary>
    private static Expression<Func<Run, bool>> Compare<T>(Expression<Func<Run, T>> selector, string comparator, T value)
    {
        var left = selector.Body;
        Expression right = Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));
        var comparison = comparator switch
        {
            "=" => Expression.Equal(left, right),
            "!=" => Expression.NotEqual(left, right),
            "<" => Expression.LessThan(left, right),
            "<=" => Expression.LessThanOrEqual(left, right),
            ">" => Expression.GreaterThan(left, right),
            ">=" => Expression.GreaterThanOrEqual(left, right),
            _ => throw new ArgumentOutOfRangeException(nameof(comparator)),
        };
        var body = Expression.AndAlso(Expression.NotEqual(left, Expression.Constant(null, typeof(T))), comparison);
        return Expression.Lambda<Func<Run, bool>>(body, selector.Parameters);
    }

    private static IOrderedQueryable<Run> NullsLast<T>(IQueryable<Run> runs, IOrderedQueryable<Run>? ordered, Expression<Func<Run, T>> key, bool ascending)
    {
        var isNull = Expression.Lambda<Func<Run, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(T))), key.Parameters);
        return ThenBy(runs, ThenBy(runs, ordered, isNull, true), key, ascending);
    }

    private static IOrderedQueryable<Run> ThenBy<T>(IQueryable<Run> runs, IOrderedQueryable<Run>? ordered, Expression<Func<Run, T>> key, bool ascending) =>
        (ordered, ascending) switch
        {
            (null, true) => runs.OrderBy(key),
            (null, false) => runs.OrderByDescending(key),
            (_, true) => ordered.ThenBy(key),
            _ => ordered.ThenByDescending(key),
        };

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}
