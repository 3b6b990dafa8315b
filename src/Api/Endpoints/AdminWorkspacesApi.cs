using Microsoft.Extensions.Options;
using Platform.Storage.Blobs;

namespace Platform.Api.Endpoints;

/// <summary>
/// Administrators list every workspace with its members and storage use against its quota (oldest first); the quota
/// itself is set with <c>PUT /api/admin/workspaces/{id}/storage-quota</c>.
/// </summary>
public static class AdminWorkspacesApi
{
    public static IEndpointRouteBuilder MapAdminWorkspacesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/workspaces", List).WithTags("Administration").RequireAuthorization(AuthSchemes.AdminPolicy);
        return app;
    }

    private static async Task<Ok<Page<AdminWorkspaceDto>>> List(
        string? cursor, int? limit, PlatformDb db, IOptions<DatasetStorageOptions> storage, CancellationToken ct)
    {
        var page = await db.Workspaces.AsNoTracking().ToPageAsync(cursor, limit, w => w.Id, newestFirst: false, ct);
        var ids = page.Items.Select(w => w.Id).ToList();
        // The same sums as StorageUsage, grouped: four queries for the whole page.
        var blobs = await db.StoredBlobs.Where(b => ids.Contains(b.WorkspaceId)).GroupBy(b => b.WorkspaceId)
            .Select(g => new { g.Key, Bytes = g.Sum(b => b.Size) }).ToDictionaryAsync(x => x.Key, x => x.Bytes, ct);
        var uploads = await db.Uploads.Where(u => ids.Contains(u.WorkspaceId)).GroupBy(u => u.WorkspaceId)
            .Select(g => new { g.Key, Bytes = g.Sum(u => u.Size) }).ToDictionaryAsync(x => x.Key, x => x.Bytes, ct);
        var artifacts = await db.RunArtifacts.Where(a => ids.Contains(a.WorkspaceId)).GroupBy(a => a.WorkspaceId)
            .Select(g => new { g.Key, Bytes = g.Sum(a => a.Size) }).ToDictionaryAsync(x => x.Key, x => x.Bytes, ct);
        var members = await db.Memberships.Where(m => ids.Contains(m.WorkspaceId) && m.AcceptedAt != null).GroupBy(m => m.WorkspaceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var items = page.Items.Select(w => new AdminWorkspaceDto(w.Id, w.Name, w.IsArchived, w.CreatedAt, members.GetValueOrDefault(w.Id),
            blobs.GetValueOrDefault(w.Id) + uploads.GetValueOrDefault(w.Id) + artifacts.GetValueOrDefault(w.Id),
            w.StorageQuotaBytes ?? storage.Value.QuotaBytes, w.StorageQuotaBytes is null)).ToList();
        return TypedResults.Ok(new Page<AdminWorkspaceDto>(items, page.NextCursor));
    }
}
