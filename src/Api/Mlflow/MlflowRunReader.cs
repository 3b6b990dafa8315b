namespace Platform.Api.Mlflow;

/// <summary>Reads runs with their data as MLflow shapes them: latest value of each metric, params, tags, and who made it.</summary>
public static class MlflowRunReader
{
    public static async Task<RunJson> ReadAsync(PlatformDb db, Run run, CancellationToken ct) => (await ReadAsync(db, [run], ct))[0];

    public static async Task<List<RunJson>> ReadAsync(PlatformDb db, IReadOnlyList<Run> runs, CancellationToken ct)
    {
        if (runs.Count == 0) return [];
        var ids = runs.Select(r => r.Id).ToList();
        var latest = await db.RunMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId))
            .GroupBy(m => new { m.RunId, m.Name })
            .Select(g => g.OrderByDescending(m => m.Step).ThenByDescending(m => m.Timestamp).ThenByDescending(m => m.Id).First())
            .ToListAsync(ct);
        var parameters = await db.RunParams.AsNoTracking().Where(p => ids.Contains(p.RunId)).ToListAsync(ct);
        var tags = await db.RunTags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(ct);
        var userIds = runs.Where(r => r.CreatedBy is not null).Select(r => r.CreatedBy!.Value).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);

        var metricsByRun = latest.ToLookup(m => m.RunId);
        var paramsByRun = parameters.ToLookup(p => p.RunId);
        var tagsByRun = tags.ToLookup(t => t.RunId);
        return runs.Select(r => new RunJson(
            r.ToInfo(r.CreatedBy is { } by ? emails.GetValueOrDefault(by) : null),
            new RunDataJson(
                metricsByRun[r.Id].OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => new MetricJson(m.Name, m.Value, m.Timestamp, m.Step)).ToList().NullIfEmpty(),
                paramsByRun[r.Id].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ParamJson(p.Key, p.Value)).ToList().NullIfEmpty(),
                tagsByRun[r.Id].OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TagJson(t.Key, t.Value)).ToList().NullIfEmpty())))
            .ToList();
    }
}
