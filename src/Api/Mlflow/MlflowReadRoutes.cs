namespace Platform.Api.Mlflow;

/// <summary>metrics/get-history and artifacts/list.</summary>
public static class MlflowReadRoutes
{
    /// <summary>The name a training run's model package has among its artifacts.</summary>
    public const string ModelFile = "model.zip";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/metrics/get-history", History).Produces<MetricHistoryResponse>();
        group.MapGet("/artifacts/list", Artifacts).Produces<ListArtifactsResponse>();
    }

    private static async Task<IResult> History(string? run_id, string? run_uuid, string? metric_key, string? max_results, string? page_token,
        HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var run = await MlflowLookup.RunAsync(db, scope, run_id ?? run_uuid, http.RequestAborted);
        if (string.IsNullOrEmpty(metric_key)) throw MlflowException.Missing("metric_key");
        long? requested = max_results is null ? null : long.TryParse(max_results, out var n) ? n
            : throw MlflowException.InvalidParameter($"Invalid value '{max_results}' for parameter 'max_results': an integer is expected.");
        var max = MlflowIds.MaxResults(requested, MlflowLimits.MaxHistoryResults, MlflowLimits.MaxHistoryResults);
        var offset = MlflowIds.ReadPageToken(page_token);
        var points = await db.RunMetrics.AsNoTracking().Where(m => m.RunId == run.Id && m.Name == metric_key)
            .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Id)
            .Skip(offset).Take(max + 1).ToListAsync(http.RequestAborted);
        return MlflowJson.Ok(new MetricHistoryResponse(
            points.Take(max).Select(m => new MetricJson(m.Name, m.Value, m.Timestamp, m.Step)).ToList().NullIfEmpty(),
            MlflowIds.PageToken(offset + max, points.Count > max)));
    }

    /// <summary>
    /// The run's files in one folder (<c>path</c>; the top without it), as MLflow lists them: files with their size, and
    /// the folders below it. A training run's model package is <see cref="ModelFile"/> at the top.
    /// </summary>
    private static async Task<IResult> Artifacts(string? run_id, string? run_uuid, string? path, HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var run = await MlflowLookup.RunAsync(db, scope, run_id ?? run_uuid, http.RequestAborted);
        var folder = path?.Trim('/') ?? "";
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var rows = await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == run.Id && a.Path.StartsWith(prefix))
            .Select(a => new { a.Path, a.Size }).ToListAsync(http.RequestAborted);
        var files = rows.Where(a => a.Path.StartsWith(prefix, StringComparison.Ordinal)) // SQLite's LIKE ignores case
            .GroupBy(a => a.Path.IndexOf('/', prefix.Length) is var slash and > 0 ? a.Path[..slash] : a.Path)
            .Select(g => g.Count() == 1 && g.Single().Path == g.Key ? new FileInfoJson(g.Key, false, g.Single().Size) : new FileInfoJson(g.Key, true, null))
            .ToList();
        if (run.ModelKey is not null && folder.Length == 0) files.Add(new FileInfoJson(ModelFile, false, run.ModelBytes));
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return MlflowJson.Ok(new ListArtifactsResponse(MlflowMapping.ArtifactUri(run), files.NullIfEmpty(), null));
    }
}
