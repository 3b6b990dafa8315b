namespace Platform.Api.Mlflow;

/// <summary>experiments/create, get, get-by-name, search, delete, restore, update.</summary>
public static class MlflowExperimentRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/experiments/create", Create).Produces<CreateExperimentResponse>();
        group.MapGet("/experiments/get", Get).Produces<GetExperimentResponse>();
        group.MapGet("/experiments/get-by-name", GetByName).Produces<GetExperimentResponse>();
        group.MapPost("/experiments/search", SearchPost).Produces<SearchExperimentsResponse>();
        group.MapGet("/experiments/search", SearchGet).Produces<SearchExperimentsResponse>();
        group.MapPost("/experiments/delete", Delete);
        group.MapPost("/experiments/restore", Restore);
        group.MapPost("/experiments/update", Update);
    }

    private static async Task<IResult> Create(HttpContext http, PlatformDb db, TimeProvider clock)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowCreateExperiment>(http);
        var name = Name(request.Name, "name");
        if (!string.IsNullOrEmpty(request.ArtifactLocation))
            throw MlflowException.InvalidParameter("artifact_location is not supported: artifacts of this server's experiments live on the server.");
        if (request.Tags is { Count: > 0 }) throw MlflowException.InvalidParameter("Experiment tags are not supported yet; tag the runs instead.");
        await EnsureNameFreeAsync(db, scope, name, http.RequestAborted);
        var experiment = new Experiment(scope.WorkspaceId, name, null, scope.UserId, clock.GetUtcNow());
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            throw AlreadyExists(name);
        }
        return MlflowJson.Ok(new CreateExperimentResponse(MlflowIds.Format(experiment.Id)));
    }

    private static async Task<IResult> Get(string? experiment_id, HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var experiment = await MlflowLookup.ExperimentAsync(db, scope, experiment_id, http.RequestAborted);
        return MlflowJson.Ok(new GetExperimentResponse(experiment.ToJson()));
    }

    private static async Task<IResult> GetByName(string? experiment_name, HttpContext http, PlatformDb db)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        if (string.IsNullOrEmpty(experiment_name)) throw MlflowException.Missing("experiment_name");
        var experiment = await db.Experiments.AsNoTracking()
            .SingleOrDefaultAsync(e => e.WorkspaceId == scope.WorkspaceId && e.Name == experiment_name, http.RequestAborted)
            ?? throw MlflowException.NotFound($"Could not find experiment with name '{experiment_name}'.");
        return MlflowJson.Ok(new GetExperimentResponse(experiment.ToJson()));
    }

    private static async Task<IResult> SearchPost(HttpContext http, PlatformDb db) =>
        await SearchAsync(http, db, await MlflowJson.ReadAsync<MlflowSearchExperiments>(http));

    private static Task<IResult> SearchGet(HttpContext http, PlatformDb db)
    {
        var q = http.Request.Query;
        long? max = q.TryGetValue("max_results", out var m) ? long.TryParse(m, out var n) ? n
            : throw MlflowException.InvalidParameter($"Invalid value '{m}' for parameter 'max_results': an integer is expected.") : null;
        return SearchAsync(http, db, new MlflowSearchExperiments(max, q["page_token"], q["filter"], [.. q["order_by"].OfType<string>()], q["view_type"]));
    }

    private static async Task<IResult> SearchAsync(HttpContext http, PlatformDb db, MlflowSearchExperiments request)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: false);
        var max = MlflowIds.MaxResults(request.MaxResults, MlflowLimits.DefaultSearchResults, MlflowLimits.MaxSearchResults);
        var offset = MlflowIds.ReadPageToken(request.PageToken);
        var query = db.Experiments.AsNoTracking().Where(e => e.WorkspaceId == scope.WorkspaceId);
        query = ViewType(request.ViewType, "view_type") switch
        {
            View.Active => query.Where(e => e.DeletedAt == null),
            View.Deleted => query.Where(e => e.DeletedAt != null),
            _ => query,
        };
        query = MlflowExperimentQuery.Filter(query, request.Filter);
        var page = await MlflowExperimentQuery.Order(query, request.OrderBy ?? []).Skip(offset).Take(max + 1).ToListAsync(http.RequestAborted);
        return MlflowJson.Ok(new SearchExperimentsResponse(
            page.Take(max).Select(e => e.ToJson()).ToList().NullIfEmpty(), MlflowIds.PageToken(offset + max, page.Count > max)));
    }

    private static async Task<IResult> Delete(HttpContext http, PlatformDb db, TimeProvider clock, ResourceEvents events)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowExperimentId>(http);
        var experiment = await MlflowLookup.ExperimentAsync(db, scope, request.ExperimentId, http.RequestAborted);
        if (experiment.IsDeleted) throw MlflowException.InvalidParameter($"The experiment {request.ExperimentId} is already deleted.");
        var now = clock.GetUtcNow();
        experiment.Delete(now);
        // As MLflow does, the experiment's active runs go with it; restoring brings back exactly those.
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        await db.Runs.Where(r => r.ExperimentId == experiment.Id && r.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, now), http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> Restore(HttpContext http, PlatformDb db, TimeProvider clock)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowExperimentId>(http);
        var experiment = await MlflowLookup.ExperimentAsync(db, scope, request.ExperimentId, http.RequestAborted);
        if (experiment.DeletedAt is not { } deletedAt) throw MlflowException.InvalidParameter("Cannot restore an active experiment.");
        experiment.Restore(clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        await db.Runs.Where(r => r.ExperimentId == experiment.Id && r.DeletedAt == deletedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, (DateTimeOffset?)null), http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> Update(HttpContext http, PlatformDb db, TimeProvider clock)
    {
        var scope = await MlflowScope.ResolveAsync(http, db, write: true);
        var request = await MlflowJson.ReadAsync<MlflowUpdateExperiment>(http);
        var experiment = await MlflowLookup.ExperimentAsync(db, scope, request.ExperimentId, http.RequestAborted);
        var name = Name(request.NewName, "new_name");
        if (experiment.IsDeleted) throw MlflowException.InvalidParameter("Cannot rename a non-active experiment.");
        if (name == experiment.Name) return MlflowJson.Empty();
        await EnsureNameFreeAsync(db, scope, name, http.RequestAborted);
        experiment.Rename(name, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            throw AlreadyExists(name);
        }
        return MlflowJson.Empty();
    }

    private static string Name(string? name, string field)
    {
        if (string.IsNullOrWhiteSpace(name)) throw MlflowException.Missing(field);
        if (name.Length > Experiment.MaxNameLength)
            throw MlflowException.InvalidParameter($"Experiment name had length {name.Length}, which exceeded length limit of {Experiment.MaxNameLength}.");
        return name;
    }

    private static async Task EnsureNameFreeAsync(PlatformDb db, MlflowScope scope, string name, CancellationToken ct)
    {
        if (await db.Experiments.AnyAsync(e => e.WorkspaceId == scope.WorkspaceId && e.Name == name, ct)) throw AlreadyExists(name);
    }

    private static MlflowException AlreadyExists(string name) => MlflowException.AlreadyExists($"Experiment(name={name}) already exists.");

    public enum View { Active, Deleted, All }

    public static View ViewType(string? value, string field) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "ACTIVE_ONLY" => View.Active,
        "DELETED_ONLY" => View.Deleted,
        "ALL" => View.All,
        _ => throw MlflowException.InvalidParameter($"Invalid value '{value}' for parameter '{field}': use ACTIVE_ONLY, DELETED_ONLY or ALL."),
    };
}
