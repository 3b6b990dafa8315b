using Platform.Api.Models;
using Platform.Storage.Events;
using Platform.Storage.Registry;

namespace Platform.Api.Endpoints;

/// <summary>
/// Live endpoints (docs/serving.md): deploy a model version, fixed or followed through an alias; a serving process loads
/// it and answers at /serve/{workspace}/{name}/predict. Members deploy and point endpoints elsewhere; Maintainers and
/// Owners delete them. Every change is audited.
/// </summary>
public static class EndpointsApi
{
    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/endpoints").WithTags("Endpoints");
        group.MapGet("", List);
        group.MapPost("", Create).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapDelete("/{id:guid}", Delete).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapEndpointKeysApi();
        group.MapEndpointMetricsApi();
        group.MapEndpointRevisionsApi();
        return app;
    }

    /// <summary>Newest first; <c>modelId</c> keeps the endpoints of one model.</summary>
    private static async Task<Ok<Page<EndpointDto>>> List(string? cursor, int? limit, Guid? modelId, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var query = db.ModelEndpoints.AsNoTracking().Where(e => e.WorkspaceId == member.WorkspaceId);
        if (modelId is { } model) query = query.Where(e => e.ModelId == model);
        var page = await query.ToPageAsync(cursor, limit, e => e.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<EndpointDto>(await EndpointViews.EndpointsAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<Results<Ok<EndpointDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        return endpoint is null ? Problems.NotFound("The endpoint") : TypedResults.Ok((await EndpointViews.EndpointsAsync(db, [endpoint], ct))[0]);
    }

    private static async Task<Results<Created<EndpointDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateEndpointRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (ModelEndpoint.Problem(request.Name) is { } invalid) validation.Add("name", invalid);
        CheckBatching(validation, request.MaxBatchSize, request.MaxWaitMilliseconds);
        if (!validation.IsValid) return validation.Problem();
        var model = await db.FindModelAsync(member, request.ModelId, ct);
        if (model is null) return new Validation().Add("modelId", "The model was not found.").Problem();

        await using var _ = await locks.AcquireAsync(ModelRegistration.LockName(member.WorkspaceId), ct);
        var (version, alias, problem) = await EndpointTargets.ResolveAsync(db, model, request.Version, request.Alias, ct);
        if (problem is not null) return problem;
        if (await db.ModelEndpoints.AnyAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == request.Name, ct))
            return Problems.Conflict($"The workspace already has an endpoint named '{request.Name}'.");
        if (await db.ModelEndpoints.CountAsync(e => e.WorkspaceId == member.WorkspaceId, ct) >= ModelEndpoint.MaxPerWorkspace)
            return Problems.Conflict($"The workspace already has {ModelEndpoint.MaxPerWorkspace} endpoints, the most it may hold; delete one first.");
        var now = clock.GetUtcNow();
        var endpoint = new ModelEndpoint(member.WorkspaceId, request.Name, model, version!, alias,
            request.MaxBatchSize ?? ModelEndpoint.DefaultMaxBatchSize, request.MaxWaitMilliseconds ?? ModelEndpoint.DefaultMaxWaitMilliseconds, member.UserId, now);
        db.ModelEndpoints.Add(endpoint);
        await EndpointRevisions.AddAsync(db, endpoint, version!, alias, EndpointRevisions.Deployed, member.UserId, now, ct);
        db.Audit(clock, "endpoint.deployed", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), request.Name,
            $"{model.Name} {EndpointTargets.Describe(alias, version!.Number)}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Problems.Conflict($"The workspace already has an endpoint named '{request.Name}'."); }
        await events.EndpointChangedAsync(endpoint, ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/endpoints/{endpoint.Id}", (await EndpointViews.EndpointsAsync(db, [endpoint], ct))[0]);
    }

    private static async Task<Results<Ok<EndpointDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateEndpointRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        CheckBatching(validation, request.MaxBatchSize, request.MaxWaitMilliseconds);
        if (!validation.IsValid) return validation.Problem();
        await using var _ = await locks.AcquireAsync(ModelRegistration.LockName(member.WorkspaceId), ct);
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        if (endpoint is null) return Problems.NotFound("The endpoint");
        var model = await db.RegisteredModels.SingleAsync(m => m.Id == endpoint.ModelId, ct);
        var now = clock.GetUtcNow();
        var before = EndpointTargets.Describe(endpoint.Alias, await db.ModelVersions.Where(v => v.Id == endpoint.VersionId).Select(v => v.Number).SingleAsync(ct));
        var changes = new List<string>();
        if (request.Version is not null || request.Alias is not null)
        {
            var (version, alias, problem) = await EndpointTargets.ResolveAsync(db, model, request.Version, request.Alias, ct);
            if (problem is not null) return problem;
            endpoint.PointAt(version!, alias, now);
            var after = EndpointTargets.Describe(alias, version!.Number);
            if (after != before)
            {
                changes.Add($"{before} → {after}");
                await EndpointRevisions.AddAsync(db, endpoint, version, alias, EndpointRevisions.Changed, member.UserId, now, ct);
            }
        }
        if (request.MaxBatchSize is not null || request.MaxWaitMilliseconds is not null)
        {
            endpoint.Batch(request.MaxBatchSize ?? endpoint.MaxBatchSize, request.MaxWaitMilliseconds ?? endpoint.MaxWaitMilliseconds, now);
            changes.Add($"batches of up to {endpoint.MaxBatchSize}, waiting up to {endpoint.MaxWaitMilliseconds} ms");
        }
        if (changes.Count > 0)
            db.Audit(clock, "endpoint.updated", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), endpoint.Name, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        await events.EndpointChangedAsync(endpoint, ct);
        return TypedResults.Ok((await EndpointViews.EndpointsAsync(db, [endpoint], ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        if (endpoint is null) return Problems.NotFound("The endpoint");
        db.ModelEndpoints.Remove(endpoint);
        db.Audit(clock, "endpoint.deleted", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), endpoint.Name);
        await db.SaveChangesAsync(ct);
        await events.EndpointChangedAsync(endpoint, ct);
        return TypedResults.NoContent();
    }

    private static void CheckBatching(Validation validation, int? maxBatchSize, int? maxWaitMilliseconds)
    {
        if (maxBatchSize is < 1 or > ModelEndpoint.MaxMaxBatchSize)
            validation.Add("maxBatchSize", $"The largest batch is between 1 and {ModelEndpoint.MaxMaxBatchSize} instances.");
        if (maxWaitMilliseconds is < 0 or > ModelEndpoint.MaxMaxWaitMilliseconds)
            validation.Add("maxWaitMilliseconds", $"The longest wait for a batch to fill is between 0 and {ModelEndpoint.MaxMaxWaitMilliseconds} ms.");
    }
}
