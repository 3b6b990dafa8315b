namespace Platform.Api.Mlflow;

/// <summary>runs/create, get, update, delete, restore, search.</summary>
public static class MlflowRunRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/runs/create", Create).Produces<RunResponse>();
        group.MapGet("/runs/get", Get).Produces<RunResponse>();
        group.MapPost("/runs/update", Update).Produces<UpdateRunResponse>();
        group.MapPost("/runs/delete", Delete);
        group.MapPost("/runs/restore", Restore);
        group.MapPost("/runs/search", Search).Produces<SearchRunsResponse>();
    }

    private static async Task<IResult> Create(HttpContext http, PlatformDb db, TimeProvider clock, ResourceEvents events)
    {
        var writer = new MlflowBatchWriter(db, events);
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowCreateRun>(http);
        if (string.IsNullOrWhiteSpace(request.ExperimentId)) throw MlflowException.Missing("experiment_id");
        var experiment = await MlflowLookup.ExperimentAsync(db, scope, request.ExperimentId, http.RequestAborted, createDefault: true);
        if (experiment.IsDeleted)
            throw MlflowException.InvalidParameter($"The experiment {request.ExperimentId} must be in the 'active' state. Current state is deleted.");

        var tags = request.Tags ?? [];
        var tagName = tags.LastOrDefault(t => t.Key == MlflowMapping.RunNameTag)?.Value;
        if (!string.IsNullOrEmpty(request.RunName) && !string.IsNullOrEmpty(tagName) && tagName != request.RunName)
            throw MlflowException.InvalidParameter(
                $"Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='{request.RunName}', mlflow.runName='{tagName}').");
        var name = !string.IsNullOrEmpty(request.RunName) ? request.RunName : !string.IsNullOrEmpty(tagName) ? tagName : $"run-{Guid.NewGuid():N}"[..12];
        if (name.Length > Run.MaxNameLength)
            throw MlflowException.InvalidParameter($"run_name had length {name.Length}, which exceeded length limit of {Run.MaxNameLength}.");
        var startedAt = request.StartTime is { } ms ? MlflowMapping.FromMillis(ms, "start_time") : clock.GetUtcNow();

        var run = Run.ForTracking(scope.WorkspaceId, experiment.Id, name, scope.UserId, startedAt);
        // Saved with its tags in one transaction: a refused tag refuses the run, as in MLflow.
        db.Runs.Add(run);
        await writer.WriteAsync(run, [], [], [.. tags.Where(t => t.Key != MlflowMapping.RunNameTag), new MlflowTag(MlflowMapping.RunNameTag, name)], http.RequestAborted);
        await events.RunChangedAsync(run, http.RequestAborted);
        return MlflowJson.Ok(new RunResponse(await MlflowRunReader.ReadAsync(db, run, http.RequestAborted)));
    }

    private static async Task<IResult> Get(string? run_id, string? run_uuid, HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var run = await MlflowLookup.RunAsync(db, scope, run_id ?? run_uuid, http.RequestAborted);
        return MlflowJson.Ok(new RunResponse(await MlflowRunReader.ReadAsync(db, run, http.RequestAborted)));
    }

    private static async Task<IResult> Update(HttpContext http, PlatformDb db, TimeProvider clock, ResourceEvents events)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowUpdateRun>(http);
        var run = await MlflowLookup.WritableRunAsync(db, scope, request.RunId ?? request.RunUuid, http.RequestAborted);
        var before = run.Status;
        if (request.Status is not null)
        {
            var status = MlflowMapping.ParseStatus(request.Status)
                ?? throw MlflowException.InvalidParameter($"Invalid value '{request.Status}' for parameter 'status': use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");
            run.End(status, request.EndTime is { } end ? MlflowMapping.FromMillis(end, "end_time") : null, clock.GetUtcNow());
        }
        if (!string.IsNullOrEmpty(request.RunName))
        {
            if (request.RunName.Length > Run.MaxNameLength)
                throw MlflowException.InvalidParameter($"run_name had length {request.RunName.Length}, which exceeded length limit of {Run.MaxNameLength}.");
            run.Rename(request.RunName);
            var tag = await db.RunTags.SingleOrDefaultAsync(t => t.RunId == run.Id && t.Key == MlflowMapping.RunNameTag, http.RequestAborted);
            if (tag is null) db.RunTags.Add(new RunTag(run.Id, MlflowMapping.RunNameTag, request.RunName));
            else tag.Value = request.RunName;
        }
        await db.SaveChangesAsync(http.RequestAborted);
        if (run.Status != before || request.RunName is not null) await events.RunChangedAsync(run, http.RequestAborted);
        var email = await db.Users.Where(u => u.Id == run.CreatedBy).Select(u => u.Email).SingleOrDefaultAsync(http.RequestAborted);
        return MlflowJson.Ok(new UpdateRunResponse(run.ToInfo(email)));
    }

    private static async Task<IResult> Delete(HttpContext http, PlatformDb db, TimeProvider clock, ResourceEvents events)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowRunId>(http);
        var run = await MlflowLookup.RunAsync(db, scope, request.RunId, http.RequestAborted);
        if (!run.IsDeleted)
        {
            run.Delete(clock.GetUtcNow());
            await db.SaveChangesAsync(http.RequestAborted);
            await events.RunChangedAsync(run, http.RequestAborted);
        }
        return MlflowJson.Empty();
    }

    private static async Task<IResult> Restore(HttpContext http, PlatformDb db, ResourceEvents events)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowRunId>(http);
        var run = await MlflowLookup.RunAsync(db, scope, request.RunId, http.RequestAborted);
        if (run.IsDeleted)
        {
            run.Restore();
            await db.SaveChangesAsync(http.RequestAborted);
            await events.RunChangedAsync(run, http.RequestAborted);
        }
        return MlflowJson.Empty();
    }

    private static async Task<IResult> Search(HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var request = await MlflowJson.ReadAsync<MlflowSearchRuns>(http);
        var max = MlflowIds.MaxResults(request.MaxResults, MlflowLimits.DefaultSearchResults, MlflowLimits.MaxSearchResults);
        var offset = MlflowIds.ReadPageToken(request.PageToken);
        var experimentIds = new List<Guid>();
        foreach (var id in request.ExperimentIds ?? [])
        {
            if (id?.Trim() == MlflowIds.DefaultExperiment)
            {
                var fallback = await db.Experiments.Where(e => e.WorkspaceId == scope.WorkspaceId && e.Name == Experiment.DefaultName)
                    .Select(e => (Guid?)e.Id).SingleOrDefaultAsync(http.RequestAborted);
                if (fallback is { } defaultId) experimentIds.Add(defaultId);
            }
            else if (MlflowIds.Parse(id, "experiment_ids") is { } guid) experimentIds.Add(guid);
        }

        var filter = request.Filter ?? "";
        var clauses = MlflowFilter.Parse(filter);
        var orders = (request.OrderBy ?? []).Select(MlflowFilter.ParseOrder).ToList();
        var query = new MlflowRunQuery(db);
        var runs = db.Runs.AsNoTracking().Where(r => r.WorkspaceId == scope.WorkspaceId && experimentIds.Contains(r.ExperimentId));
        runs = MlflowExperimentRoutes.ViewType(request.RunViewType, "run_view_type") switch
        {
            MlflowExperimentRoutes.View.Active => runs.Where(r => r.DeletedAt == null),
            MlflowExperimentRoutes.View.Deleted => runs.Where(r => r.DeletedAt != null),
            _ => runs,
        };
        runs = query.Order(query.Filter(runs, clauses, filter), orders);
        var page = await runs.Skip(offset).Take(max + 1).ToListAsync(http.RequestAborted);
        var json = await MlflowRunReader.ReadAsync(db, page.Take(max).ToList(), http.RequestAborted);
        return MlflowJson.Ok(new SearchRunsResponse(json.NullIfEmpty(), MlflowIds.PageToken(offset + max, page.Count > max)));
    }
}
