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

    /// <summary>Code elsewhere cannot upload artifacts yet; a training run's model package is its one artifact.</summary>
    private static async Task<IResult> Artifacts(string? run_id, string? run_uuid, string? path, HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var run = await MlflowLookup.RunAsync(db, scope, run_id ?? run_uuid, http.RequestAborted);
        var files = new List<FileInfoJson>();
        if (run.ModelKey is not null && string.IsNullOrEmpty(path?.Trim('/'))) files.Add(new FileInfoJson(ModelFile, false, run.ModelBytes));
        return MlflowJson.Ok(new ListArtifactsResponse(MlflowMapping.ArtifactUri(run), files.NullIfEmpty(), null));
    }
}
