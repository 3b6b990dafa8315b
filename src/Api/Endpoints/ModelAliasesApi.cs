using Platform.Api.Models;
using Platform.Storage.Events;
using Platform.Storage.Registry;

namespace Platform.Api.Endpoints;

/// <summary>
/// A model's aliases: PUT creates or moves one (and may protect it), DELETE removes it. Protected aliases (production
/// from the start) are created, moved, unprotected and removed only by Maintainers and Owners. Every change is audited
/// with the version before and after.
/// </summary>
public static class ModelAliasesApi
{
    public static RouteGroupBuilder MapAliasesApi(this RouteGroupBuilder models)
    {
        models.MapPut("/{id:guid}/aliases/{alias}", Set).RequireWorkspaceRole(WorkspaceRole.Member);
        models.MapDelete("/{id:guid}/aliases/{alias}", Remove).RequireWorkspaceRole(WorkspaceRole.Member);
        return models;
    }

    private static async Task<Results<Ok<ModelAliasDto>, Created<ModelAliasDto>, ValidationProblem, ProblemHttpResult>> Set(
        Guid id, string alias, SetModelAliasRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, ResourceEvents events,
        TimeProvider clock, CancellationToken ct)
    {
        if (ModelAlias.Problem(alias) is { } invalid) return new Validation().Add("alias", invalid).Problem();
        var model = await db.FindModelAsync(member, id, ct);
        if (model is null) return Problems.NotFound("The model");
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == id && v.Number == request.Version, ct);
        if (version is null) return new Validation().Add("version", $"{model.Name} has no version {request.Version}.").Problem();

        await using var _ = await locks.AcquireAsync(ModelRegistration.LockName(member.WorkspaceId), ct);
        var existing = await db.ModelAliases.SingleOrDefaultAsync(a => a.ModelId == id && a.Name == alias, ct);
        var protectedAfter = request.Protected ?? existing?.IsProtected ?? alias == ModelAlias.Production;
        if (member.Role < WorkspaceRole.Maintainer && (protectedAfter || existing?.IsProtected == true))
            return Problems.Forbidden($"'{alias}' is a protected alias: only Maintainers and Owners set, move or unprotect it.");

        var now = clock.GetUtcNow();
        string detail;
        var created = existing is null;
        if (existing is null)
        {
            if (await db.ModelAliases.CountAsync(a => a.ModelId == id, ct) >= ModelAlias.MaxPerModel)
                return Problems.Conflict($"{model.Name} already has {ModelAlias.MaxPerModel} aliases, the most a model may hold.");
            existing = new ModelAlias(model, alias, version, member.UserId, now);
            db.ModelAliases.Add(existing);
            detail = $"created at v{version.Number}";
        }
        else
        {
            var before = await db.ModelVersions.Where(v => v.Id == existing.VersionId).Select(v => v.Number).SingleAsync(ct);
            existing.MoveTo(version, member.UserId, now);
            detail = $"v{before} → v{version.Number}";
        }
        var following = await db.ModelEndpoints.Where(e => e.ModelId == id && e.Alias == alias).ToListAsync(ct);
        foreach (var endpoint in following.Where(e => e.VersionId != version.Id))
        {
            endpoint.PointAt(version, alias, now);
            await EndpointRevisions.AddAsync(db, endpoint, version, alias, EndpointRevisions.AliasMoved, member.UserId, now, ct);
        }
        if (following.Count > 0) detail += $"; endpoint{(following.Count == 1 ? "" : "s")} {string.Join(", ", following.Select(e => e.Name))} follow{(following.Count == 1 ? "s" : "")}";
        if (existing.IsProtected != protectedAfter)
        {
            existing.Protect(protectedAfter, member.UserId, now);
            detail += protectedAfter ? ", protected" : ", unprotected";
        }
        var actor = await db.Users.FindAsync([member.UserId], ct);
        db.Audit(clock, created ? "model.alias-created" : "model.alias-moved", member.WorkspaceId, actor, $"{model.Name}@{alias}", detail);
        await db.SaveChangesAsync(ct);
        foreach (var endpoint in following) await events.EndpointChangedAsync(endpoint, ct);
        var dto = new ModelAliasDto(alias, version.Number, existing.IsProtected, existing.UpdatedAt, actor?.Email);
        return created ? TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/models/{id}/aliases/{alias}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid id, string alias, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var model = await db.FindModelAsync(member, id, ct);
        var existing = model is null ? null : await db.ModelAliases.SingleOrDefaultAsync(a => a.ModelId == id && a.Name == alias, ct);
        if (existing is null) return Problems.NotFound("The alias");
        if (existing.IsProtected && member.Role < WorkspaceRole.Maintainer)
            return Problems.Forbidden($"'{alias}' is a protected alias: only Maintainers and Owners remove it.");
        var following = await db.ModelEndpoints.Where(e => e.ModelId == id && e.Alias == alias).Select(e => e.Name).ToListAsync(ct);
        if (following.Count > 0)
            return Problems.Conflict($"Endpoint{(following.Count == 1 ? "" : "s")} {string.Join(", ", following)} follow{(following.Count == 1 ? "s" : "")} '{alias}'; point {(following.Count == 1 ? "it" : "them")} elsewhere first.");
        var number = await db.ModelVersions.Where(v => v.Id == existing.VersionId).Select(v => v.Number).SingleAsync(ct);
        db.ModelAliases.Remove(existing);
        db.Audit(clock, "model.alias-removed", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), $"{model!.Name}@{alias}", $"was v{number}");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
