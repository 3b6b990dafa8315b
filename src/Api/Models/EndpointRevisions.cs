namespace Platform.Api.Models;

/// <summary>Records an endpoint's revisions; callers hold the registry's lock, and a unique index backs the numbers.</summary>
public static class EndpointRevisions
{
    public const string Deployed = "deployed";
    public const string Changed = "changed";
    public const string AliasMoved = "alias-moved";
    public const string RolledBack = "rolled-back";

    public static async Task AddAsync(PlatformDb db, ModelEndpoint endpoint, ModelVersion version, string? alias, string reason, Guid? by,
        DateTimeOffset now, CancellationToken ct)
    {
        var saved = await db.EndpointRevisions.Where(r => r.EndpointId == endpoint.Id).MaxAsync(r => (int?)r.Number, ct) ?? 0;
        var pending = db.EndpointRevisions.Local.Where(r => r.EndpointId == endpoint.Id).Select(r => r.Number).DefaultIfEmpty(0).Max();
        db.EndpointRevisions.Add(new EndpointRevision(endpoint, Math.Max(saved, pending) + 1, version, alias, reason, by, now));
    }
}
