using Platform.Api.Models;
using Platform.Storage.Registry;

namespace Platform.Api.Endpoints;

/// <summary>An endpoint's revisions, and one-click rollback to any earlier one (as a fixed version, itself a new revision).</summary>
public static class EndpointRevisionsApi
{
    public static RouteGroupBuilder MapEndpointRevisionsApi(this RouteGroupBuilder endpoints)
    {
        endpoints.MapGet("/{id:guid}/revisions", List);
        endpoints.MapPost("/{id:guid}/rollback", Rollback).RequireWorkspaceRole(WorkspaceRole.Member);
        return endpoints;
    }

    /// <summary>Newest first.</summary>
    private static async Task<Results<Ok<Page<EndpointRevisionDto>>, ProblemHttpResult>> List(
        Guid id, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindEndpointAsync(member, id, ct) is null) return Problems.NotFound("The endpoint");
        var current = await db.EndpointRevisions.Where(r => r.EndpointId == id).MaxAsync(r => (int?)r.Number, ct);
        var page = await db.EndpointRevisions.AsNoTracking().Where(r => r.EndpointId == id).ToPageAsync(cursor, limit, r => r.Id, newestFirst: true, ct);
        var emails = await ModelViews.EmailsAsync(db, page.Items.Select(r => r.CreatedBy), ct);
        return TypedResults.Ok(new Page<EndpointRevisionDto>([.. page.Items.Select(r => new EndpointRevisionDto(r.Number, r.VersionNumber, r.Alias, r.Reason,
            r.CreatedBy is { } by ? emails.GetValueOrDefault(by) : null, r.CreatedAt, r.Number == current))], page.NextCursor));
    }

    private static async Task<Results<Ok<EndpointDto>, ProblemHttpResult>> Rollback(
        Guid id, RollbackEndpointRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        await using var _ = await locks.AcquireAsync(ModelRegistration.LockName(member.WorkspaceId), ct);
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        var revision = endpoint is null ? null : await db.EndpointRevisions.SingleOrDefaultAsync(r => r.EndpointId == id && r.Number == request.Revision, ct);
        if (revision is null) return Problems.NotFound("The revision");
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Id == revision.VersionId, ct);
        if (version is null) return Problems.Conflict($"v{revision.VersionNumber}, which revision {revision.Number} served, has been deleted.");
        var before = EndpointTargets.Describe(endpoint!.Alias, await db.ModelVersions.Where(v => v.Id == endpoint.VersionId).Select(v => v.Number).SingleAsync(ct));
        var now = clock.GetUtcNow();
        endpoint.PointAt(version, null, now);
        await EndpointRevisions.AddAsync(db, endpoint, version, null, EndpointRevisions.RolledBack, member.UserId, now, ct);
        db.Audit(clock, "endpoint.rolled-back", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), endpoint.Name,
            $"{before} → v{version.Number} (revision {revision.Number})");
        await db.SaveChangesAsync(ct);
        await events.EndpointChangedAsync(endpoint, ct);
        return TypedResults.Ok((await EndpointViews.EndpointsAsync(db, [endpoint], ct))[0]);
    }
}
