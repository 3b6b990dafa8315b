namespace Platform.Api.Endpoints;

/// <summary>The append-only audit log, newest first: a workspace's for its owners, everything for administrators.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceGroup().MapGet("/audit", ListWorkspace).WithTags("Audit").RequireWorkspaceRole(WorkspaceRole.Owner);
        app.MapGet("/api/audit", ListAll).WithTags("Audit").RequireAuthorization(AuthSchemes.AdminPolicy);
        return app;
    }

    /// <summary>
    /// Only the workspace's own events: account events (sign-ins, tokens) belong to the account, and an owner can add
    /// any account as a member, so showing its members' account history would show anyone's.
    /// </summary>
    private static Task<IResult> ListWorkspace(string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        PageAsync(db.AuditEvents.Where(a => a.WorkspaceId == member.WorkspaceId), cursor, limit, ct);

    private static Task<IResult> ListAll(string? cursor, int? limit, PlatformDb db, CancellationToken ct) =>
        PageAsync(db.AuditEvents, cursor, limit, ct);

    private static async Task<IResult> PageAsync(IQueryable<AuditEvent> query, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Cursor.TryDecodeLong(cursor, out var before)) return Cursor.Invalid();
        var take = Cursor.Limit(limit);
        if (before is { } b) query = query.Where(a => a.Id < b);
        var rows = await query.AsNoTracking().OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, a => a.Id.ToString(), a => a.ToDto()));
    }
}
