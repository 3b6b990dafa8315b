namespace Platform.Api.Runs;

/// <summary>Rows of a runs table: each run with the last value of every metric, its parameters and its dataset.</summary>
public static class RunSummaries
{
    public static async Task<List<RunSummaryDto>> BuildAsync(PlatformDb db, IReadOnlyList<Run> runs, CancellationToken ct)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var latest = await db.RunMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId))
            .GroupBy(m => new { m.RunId, m.Name }).Select(g => g.Max(m => m.Id)).ToListAsync(ct);
        var metrics = await db.RunMetrics.AsNoTracking().Where(m => latest.Contains(m.Id)).ToListAsync(ct);
        var parameters = await db.RunParams.AsNoTracking().Where(p => ids.Contains(p.RunId)).ToListAsync(ct);
        var versionIds = runs.Where(r => r.DatasetVersionId != null).Select(r => r.DatasetVersionId!.Value).Distinct().ToList();
        var datasets = await db.DatasetVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new { v.Id, d.Name, v.Number })
            .ToDictionaryAsync(v => v.Id, ct);
        return runs.Select(r =>
        {
            var dataset = r.DatasetVersionId is { } v && datasets.TryGetValue(v, out var d) ? d : null;
            return new RunSummaryDto(r.Id, r.Name, r.Source, r.Status, r.CreatedAt, r.StartedAt, r.FinishedAt, r.Template,
                dataset?.Name, dataset?.Number, r.Progress, r.Score,
                metrics.Where(m => m.RunId == r.Id).ToDictionary(m => m.Name, m => m.Value),
                parameters.Where(p => p.RunId == r.Id).ToDictionary(p => p.Key, p => p.Value));
        }).ToList();
    }
}
