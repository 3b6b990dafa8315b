namespace Platform.Api.Tracking;

/// <summary>
/// Writes metric points, params and tags of one run in one transaction (params and tags through EF Core, points in
/// bulk), then announces the new points live. The tracking API and MLflow's routes check a request completely first,
/// each answering in its own shape, so a refused request leaves nothing behind.
/// </summary>
public sealed class RunBatchWriter(PlatformDb db, ResourceEvents events)
{
    // SQLite has one writer at a time; concurrent writers otherwise meet SQLITE_BUSY and retry after sleeps, which
    // took ingest from ~35k points/s with seconds-long stalls to a steady queue. PostgreSQL writes in parallel.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    /// <exception cref="ParamChangedException">A param was logged before with another value: params are set once.</exception>
    public async Task WriteAsync(Run run, RunBatch batch, CancellationToken ct)
    {
        var gate = db.Database.IsSqlite() ? SqliteWriter : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await WriteOnceAsync(run, batch, ct);
                    break;
                }
                catch (DbUpdateException) when (attempt == 0 && (batch.Params.Count > 0 || batch.Tags.Count > 0))
                {
                    // Another request added one of these params or tags since they were read: read them again.
                    foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is RunParam or RunTag).ToList())
                        entry.State = EntityState.Detached;
                }
            }
        }
        finally
        {
            gate?.Release();
        }
        if (batch.Points.Count > 0) await events.RunMetricsAsync(run.WorkspaceId, run.Id, ct);
    }

    private async Task WriteOnceAsync(Run run, RunBatch batch, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RunParams.AddRange(await NewParamsAsync(run, batch.Params, ct));
        if (batch.Tags.Count > 0)
        {
            var keys = batch.Tags.Keys.ToList();
            var existing = await db.RunTags.Where(t => t.RunId == run.Id && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, ct);
            foreach (var (key, value) in batch.Tags)
                if (existing.TryGetValue(key, out var tag)) tag.Value = value;
                else db.RunTags.Add(new RunTag(run.Id, key, value));
            // MLflow's run-name tag renames the run, whichever API sets it.
            if (batch.Tags.TryGetValue(Mlflow.MlflowMapping.RunNameTag, out var name) && name.Length is > 0 and <= Run.MaxNameLength) run.Rename(name);
        }
        await db.SaveChangesAsync(ct);
        await RunMetricBulk.InsertAsync(db, batch.Points, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<List<RunParam>> NewParamsAsync(Run run, IReadOnlyDictionary<string, string> wanted, CancellationToken ct)
    {
        if (wanted.Count == 0) return [];
        var keys = wanted.Keys.ToList();
        var existing = await db.RunParams.AsNoTracking().Where(p => p.RunId == run.Id && keys.Contains(p.Key))
            .ToDictionaryAsync(p => p.Key, p => p.Value, StringComparer.Ordinal, ct);
        foreach (var (key, value) in wanted)
            if (existing.TryGetValue(key, out var old) && old != value) throw new ParamChangedException(key, old, value);
        return wanted.Where(p => !existing.ContainsKey(p.Key)).Select(p => new RunParam(run.Id, p.Key, p.Value)).ToList();
    }
}

/// <summary>What one request logs to a run, already checked: points, and params and tags by key.</summary>
public sealed record RunBatch(IReadOnlyList<RunMetric> Points, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Tags);

public sealed class ParamChangedException(string key, string oldValue, string newValue)
    : Exception($"The param '{key}' was already logged with the value '{oldValue}'; params are set once, so '{newValue}' is refused.")
{
    public string Key { get; } = key;
    public string OldValue { get; } = oldValue;
    public string NewValue { get; } = newValue;
}
