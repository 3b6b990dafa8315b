namespace Platform.Api.Mlflow;

/// <summary>runs/log-metric, log-parameter, set-tag, delete-tag, log-batch.</summary>
public static class MlflowLoggingRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/runs/log-metric", LogMetric);
        group.MapPost("/runs/log-parameter", LogParam);
        group.MapPost("/runs/set-tag", SetTag);
        group.MapPost("/runs/delete-tag", DeleteTag);
        group.MapPost("/runs/log-batch", LogBatch);
    }

    private static async Task<IResult> LogMetric(HttpContext http, PlatformDb db, ResourceEvents events)
    {
        var writer = new MlflowBatchWriter(db, events);
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowLogMetric>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId ?? request.RunUuid, http.RequestAborted);
        await writer.WriteAsync(run, [new MlflowMetric(request.Key, request.Value, request.Timestamp, request.Step)], [], [], http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> LogParam(HttpContext http, PlatformDb db, ResourceEvents events)
    {
        var writer = new MlflowBatchWriter(db, events);
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowLogParam>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId ?? request.RunUuid, http.RequestAborted);
        await writer.WriteAsync(run, [], [new MlflowParam(request.Key, request.Value)], [], http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> SetTag(HttpContext http, PlatformDb db, ResourceEvents events)
    {
        var writer = new MlflowBatchWriter(db, events);
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowSetTag>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId ?? request.RunUuid, http.RequestAborted);
        await writer.WriteAsync(run, [], [], [new MlflowTag(request.Key, request.Value)], http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> DeleteTag(HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowDeleteTag>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId, http.RequestAborted);
        if (string.IsNullOrEmpty(request.Key)) throw MlflowException.Missing("key");
        var tag = await db.RunTags.SingleOrDefaultAsync(t => t.RunId == run.Id && t.Key == request.Key, http.RequestAborted)
            ?? throw MlflowException.NotFound($"No tag with name: {request.Key} in run with id {request.RunId}");
        db.RunTags.Remove(tag);
        await db.SaveChangesAsync(http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> LogBatch(HttpContext http, PlatformDb db, ResourceEvents events)
    {
        var writer = new MlflowBatchWriter(db, events);
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowLogBatch>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId, http.RequestAborted);
        await writer.WriteAsync(run, request.Metrics ?? [], request.Params ?? [], request.Tags ?? [], http.RequestAborted);
        return MlflowJson.Empty();
    }
}
