using System.Security.Claims;

namespace Platform.Api.Endpoints;

/// <summary>
/// The signed-in account's invitations: an owner adding someone to a workspace only invites them; the account sees
/// the invitation here and accepts (becoming a member) or declines (the invitation is removed).
/// </summary>
public static class InvitationsApi
{
    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invitations").WithTags("Invitations").RequireAuthorization();
        group.MapGet("", List);
        group.MapPost("/{workspaceId:guid}/accept", Accept);
        group.MapDelete("/{workspaceId:guid}", Decline);
        return app;
    }

    private static async Task<Ok<Page<InvitationDto>>> List(string? cursor, int? limit, ClaimsPrincipal principal, PlatformDb db, CancellationToken ct)
    {
        var userId = principal.UserId();
        var page = await db.Memberships.AsNoTracking().Include(m => m.Workspace)
            .Where(m => m.UserId == userId && m.AcceptedAt == null && m.Workspace!.ArchivedAt == null)
            .ToPageAsync(cursor, limit, m => m.WorkspaceId, newestFirst: false, ct);
        var inviterIds = page.Items.Select(m => m.InvitedBy).OfType<Guid>().Distinct().ToList();
        var inviters = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return TypedResults.Ok(new Page<InvitationDto>(page.Items.Select(m => new InvitationDto(m.WorkspaceId, m.Workspace!.Name, m.Role,
            m.InvitedBy is { } by ? inviters.GetValueOrDefault(by) : null, m.JoinedAt)).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<WorkspaceDto>, ProblemHttpResult>> Accept(
        Guid workspaceId, ClaimsPrincipal principal, PlatformDb db, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var membership = await FindAsync(db, principal, workspaceId, ct);
        if (membership is null) return Problems.NotFound("The invitation");
        if (membership.Workspace!.IsArchived) return Problems.Conflict("The workspace is archived; it takes no new members.");
        membership.Accept(clock.GetUtcNow());
        db.Audit(clock, AuditActions.MemberAdded, workspaceId, membership.User, membership.User!.Email, membership.Role.ToString());
        await db.SaveChangesAsync(ct);
        await MembersApi.PublishAsync(events, workspaceId, membership.User.Email, clock, ct);
        return TypedResults.Ok(membership.Workspace.ToDto(membership.Role));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Decline(
        Guid workspaceId, ClaimsPrincipal principal, PlatformDb db, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var membership = await FindAsync(db, principal, workspaceId, ct);
        if (membership is null) return Problems.NotFound("The invitation");
        db.Memberships.Remove(membership);
        db.Audit(clock, AuditActions.InvitationDeclined, workspaceId, membership.User, membership.User!.Email, membership.Role.ToString());
        await db.SaveChangesAsync(ct);
        await MembersApi.PublishAsync(events, workspaceId, membership.User.Email, clock, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Only a pending invitation of the caller; anything else (a stranger's workspace, a membership) is "not found".</summary>
    private static Task<Membership?> FindAsync(PlatformDb db, ClaimsPrincipal principal, Guid workspaceId, CancellationToken ct)
    {
        var userId = principal.UserId();
        return db.Memberships.Include(m => m.Workspace).Include(m => m.User)
            .SingleOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId && m.AcceptedAt == null, ct);
    }
}
