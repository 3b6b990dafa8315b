using Platform.Api.Models;

namespace Platform.Api.Endpoints;

/// <summary>
/// An endpoint's keys: applications call its predict route with one (X-Endpoint-Key or a bearer token); the secret is
/// shown once, at creation, and only its SHA-256 is kept. Members create and revoke them; every change is audited.
/// </summary>
public static class EndpointKeysApi
{
    public static RouteGroupBuilder MapEndpointKeysApi(this RouteGroupBuilder endpoints)
    {
        endpoints.MapGet("/{id:guid}/keys", List);
        endpoints.MapPost("/{id:guid}/keys", Create).RequireWorkspaceRole(WorkspaceRole.Member);
        endpoints.MapDelete("/{id:guid}/keys/{keyId:guid}", Revoke).RequireWorkspaceRole(WorkspaceRole.Member);
        return endpoints;
    }

    private static async Task<Results<Ok<Page<EndpointKeyDto>>, ProblemHttpResult>> List(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindEndpointAsync(member, id, ct) is null) return Problems.NotFound("The endpoint");
        var keys = await db.EndpointKeys.AsNoTracking().Where(k => k.EndpointId == id).OrderByDescending(k => k.Id).ToListAsync(ct);
        return TypedResults.Ok(new Page<EndpointKeyDto>(await EndpointViews.KeysAsync(db, keys, ct), null));
    }

    private static async Task<Results<Created<CreatedEndpointKeyDto>, ValidationProblem, ProblemHttpResult>> Create(
        Guid id, CreateEndpointKeyRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name?.Trim(), EndpointKey.MaxNameLength, "Key name");
        if (!validation.IsValid) return validation.Problem();
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        if (endpoint is null) return Problems.NotFound("The endpoint");
        await using var _ = await locks.AcquireAsync($"endpoint-keys:{id:N}", ct);
        if (await db.EndpointKeys.CountAsync(k => k.EndpointId == id && k.RevokedAt == null, ct) >= EndpointKey.MaxPerEndpoint)
            return Problems.Conflict($"The endpoint already has {EndpointKey.MaxPerEndpoint} keys, the most it may hold; revoke one first.");
        var secret = EndpointKey.NewSecret();
        var key = new EndpointKey(endpoint, request.Name!.Trim(), secret[..12], EndpointKey.HashOf(secret), member.UserId, clock.GetUtcNow());
        db.EndpointKeys.Add(key);
        db.Audit(clock, "endpoint.key-created", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), endpoint.Name, $"{key.Name} ({key.Prefix}…)");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/endpoints/{id}/keys/{key.Id}",
            new CreatedEndpointKeyDto((await EndpointViews.KeysAsync(db, [key], ct))[0], secret));
    }

    /// <summary>The endpoint event it publishes makes every serving process forget the keys it cached.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, Guid keyId, WorkspaceMember member, PlatformDb db, ResourceEvents events,
        TimeProvider clock, CancellationToken ct)
    {
        var endpoint = await db.FindEndpointAsync(member, id, ct);
        var key = endpoint is null ? null : await db.EndpointKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.EndpointId == id, ct);
        if (key is null) return Problems.NotFound("The key");
        if (key.RevokedAt is null)
        {
            key.Revoke(clock.GetUtcNow());
            db.Audit(clock, "endpoint.key-revoked", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), endpoint!.Name, $"{key.Name} ({key.Prefix}…)");
            await db.SaveChangesAsync(ct);
            await events.EndpointChangedAsync(endpoint, ct);
        }
        return TypedResults.NoContent();
    }
}
