namespace Platform.Api.Mlflow;

/// <summary>
/// Writes metrics, params and tags of one run: everything is validated first, then written in one transaction
/// (params and tags through EF Core, metric points in bulk), so a refused request leaves nothing behind.
/// </summary>
public sealed class MlflowBatchWriter(PlatformDb db, ResourceEvents events)
{
    // SQLite has one writer at a time; concurrent writers otherwise meet SQLITE_BUSY and retry after sleeps, which
    // took ingest from ~35k points/s with seconds-long stalls to a steady queue. PostgreSQL writes in parallel.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    public async Task WriteAsync(Run run, IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowParam> parameters, IReadOnlyList<MlflowTag> tags, CancellationToken ct)
    {
        if (metrics.Count > MlflowLimits.MaxMetricsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxMetricsPerBatch} metrics. Got {metrics.Count} metrics.");
        if (parameters.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxParamsTagsPerBatch} params. Got {parameters.Count} params.");
        if (tags.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxParamsTagsPerBatch} tags. Got {tags.Count} tags.");
        var total = metrics.Count + parameters.Count + tags.Count;
        if (total > MlflowLimits.MaxEntitiesPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxEntitiesPerBatch} metrics, params and tags in total. Got {total}.");

        var points = metrics.Select(m => Point(run.Id, m)).ToList();
        var newParams = await ParamsAsync(run, parameters, ct);
        var newTags = tags.Select(t => (Key: MlflowLimits.Key(t.Key, "Tag"), t.Value))
            .Select(t => (t.Key, Value: MlflowLimits.Value(t.Value, MlflowLimits.MaxTagValueLength, "Tag", t.Key)))
            .GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

        var gate = db.Database.IsSqlite() ? SqliteWriter : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await WriteAsync(run, points, newParams, newTags, ct);
        }
        finally
        {
            gate?.Release();
        }
        if (points.Count > 0) await events.RunMetricsAsync(run.WorkspaceId, run.Id, ct);
    }

    private async Task WriteAsync(Run run, List<RunMetric> points, List<RunParam> newParams, Dictionary<string, string> newTags, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (newTags.Count > 0)
        {
            var keys = newTags.Keys.ToList();
            var existing = await db.RunTags.Where(t => t.RunId == run.Id && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, ct);
            foreach (var (key, value) in newTags)
                if (existing.TryGetValue(key, out var tag)) tag.Value = value;
                else db.RunTags.Add(new RunTag(run.Id, key, value));
            if (newTags.TryGetValue(MlflowMapping.RunNameTag, out var name) && name.Length is > 0 and <= Run.MaxNameLength) run.Rename(name);
        }
        db.RunParams.AddRange(newParams);
        await db.SaveChangesAsync(ct);
        await RunMetricBulk.InsertAsync(db, points, ct);
        await transaction.CommitAsync(ct);
    }

    private static RunMetric Point(Guid runId, MlflowMetric m)
    {
        var key = MlflowLimits.Key(m.Key, "Metric");
        if (m.Value is not { } value) throw MlflowException.InvalidParameter($"Got invalid value None for metric '{key}' (timestamp={m.Timestamp}). Please specify value as a valid double (64-bit floating point).");
        if (m.Timestamp is not { } timestamp) throw MlflowException.Missing("timestamp");
        if (timestamp < 0) throw MlflowException.InvalidParameter($"Metric '{key}' has an invalid timestamp {timestamp}: milliseconds since 1970 expected.");
        return new RunMetric(runId, key, m.Step ?? 0, null, value, timestamp);
    }

    /// <summary>Params are set once: the same value again is fine, a different one is refused, as in MLflow.</summary>
    private async Task<List<RunParam>> ParamsAsync(Run run, IReadOnlyList<MlflowParam> parameters, CancellationToken ct)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var key = MlflowLimits.Key(p.Key, "Param");
            var value = MlflowLimits.Value(p.Value, MlflowLimits.MaxParamValueLength, "Param", key);
            if (wanted.TryGetValue(key, out var earlier) && earlier != value)
                throw MlflowException.InvalidParameter($"Duplicate parameter keys have been submitted: '{key}' with different values.");
            wanted[key] = value;
        }
        if (wanted.Count == 0) return [];
        var keys = wanted.Keys.ToList();
        var existing = await db.RunParams.AsNoTracking().Where(p => p.RunId == run.Id && keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.Value, StringComparer.Ordinal, ct);
        foreach (var (key, value) in wanted)
            if (existing.TryGetValue(key, out var old) && old != value)
                throw MlflowException.InvalidParameter(
                    $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{MlflowIds.Format(run.Id)}'. Attempted logging new value '{value}'.");
        return wanted.Where(p => !existing.ContainsKey(p.Key)).Select(p => new RunParam(run.Id, p.Key, p.Value)).ToList();
    }
}
