using Platform.Api.Live;

namespace Platform.Api.Endpoints;

public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/members").WithTags("Members");
        group.MapGet("", List);
        group.MapPost("", Add).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapPut("/{userId:guid}", ChangeRole).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapDelete("/{userId:guid}", Remove).RequireWorkspaceRole(WorkspaceRole.Owner);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        db.Memberships.AsNoTracking().Include(m => m.User).Where(m => m.WorkspaceId == member.WorkspaceId)
            .PageAsync(cursor, limit, m => m.UserId, newestFirst: false, m => m.ToDto(), ct);

    private static async Task<Results<Created<MemberDto>, ValidationProblem, ProblemHttpResult>> Add(
        AddMemberRequest request, WorkspaceMember member, PlatformDb db, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Email("email", request.Email).Role("role", request.Role);
        if (!validation.IsValid) return validation.Problem();
        var normalized = request.Email.Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null) return new Validation().Add("email", "No account has this email; an administrator creates accounts first.").Problem();
        if (await db.Memberships.AnyAsync(m => m.WorkspaceId == member.WorkspaceId && m.UserId == user.Id, ct))
            return Problems.Conflict($"{user.Email} is already a member of this workspace or invited to it.");

        // An invitation: the account sees it and decides; it has no access until it accepts.
        var membership = new Membership(member.WorkspaceId, user.Id, request.Role, clock.GetUtcNow(), invitedBy: member.UserId);
        db.Memberships.Add(membership);
        db.Audit(clock, AuditActions.MemberInvited, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), user.Email, request.Role.ToString());
        await db.SaveChangesAsync(ct);
        await PublishAsync(events, member.WorkspaceId, user.Email, clock, ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/members/{user.Id}", membership.ToDto());
    }

    private static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid userId, ChangeMemberRoleRequest request, WorkspaceMember member, PlatformDb db, IEventBus events, DatabaseLocks locks,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Role("role", request.Role);
        if (!validation.IsValid) return validation.Problem();
        await using var _ = await locks.AcquireAsync(OwnersLock(member.WorkspaceId), ct);
        if (!await IsStillOwnerAsync(db, member, ct)) return Problems.Forbidden("You are no longer an owner of this workspace.");
        var membership = await db.Memberships.Include(m => m.User).SingleOrDefaultAsync(m => m.WorkspaceId == member.WorkspaceId && m.UserId == userId, ct);
        if (membership is null) return Problems.NotFound("The member");
        if (membership.IsAccepted && membership.Role == WorkspaceRole.Owner && request.Role != WorkspaceRole.Owner && await IsLastOwnerAsync(db, member.WorkspaceId, ct))
            return Problems.Conflict("A workspace needs at least one owner; make someone else owner first.");
        var old = membership.Role;
        membership.ChangeRole(request.Role);
        db.Audit(clock, AuditActions.MemberRoleChanged, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), membership.User!.Email, $"{old} → {request.Role}");
        await db.SaveChangesAsync(ct);
        await PublishAsync(events, member.WorkspaceId, membership.User.Email, clock, ct);
        return TypedResults.Ok(membership.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid userId, WorkspaceMember member, PlatformDb db, IEventBus events, DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        await using var _ = await locks.AcquireAsync(OwnersLock(member.WorkspaceId), ct);
        if (!await IsStillOwnerAsync(db, member, ct)) return Problems.Forbidden("You are no longer an owner of this workspace.");
        var membership = await db.Memberships.Include(m => m.User).SingleOrDefaultAsync(m => m.WorkspaceId == member.WorkspaceId && m.UserId == userId, ct);
        if (membership is null) return Problems.NotFound("The member");
        if (membership.IsAccepted && membership.Role == WorkspaceRole.Owner && await IsLastOwnerAsync(db, member.WorkspaceId, ct))
            return Problems.Conflict("The last owner cannot be removed; make someone else owner first.");
        db.Memberships.Remove(membership);
        db.Audit(clock, AuditActions.MemberRemoved, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), membership.User!.Email, membership.Role.ToString());
        await db.SaveChangesAsync(ct);
        await PublishAsync(events, member.WorkspaceId, membership.User.Email, clock, ct);
        await events.LeftWorkspaceAsync(userId, member.WorkspaceId, clock, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Held while checking and changing owners: two owners leaving at once must not both see the other remain.
    /// The check reads committed rows after taking the lock, so it sees the other's change.
    /// </summary>
    private static string OwnersLock(Guid workspaceId) => $"owners:{workspaceId:N}";

    private static Task<bool> IsStillOwnerAsync(PlatformDb db, WorkspaceMember caller, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == caller.UserId && m.Role == WorkspaceRole.Owner && m.AcceptedAt != null, ct);

    private static async Task<bool> IsLastOwnerAsync(PlatformDb db, Guid workspaceId, CancellationToken ct) =>
        await db.Memberships.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner && m.AcceptedAt != null, ct) <= 1;

    internal static Task PublishAsync(IEventBus events, Guid workspaceId, string? email, TimeProvider clock, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.MembersChanged, workspaceId, null, email, clock.GetUtcNow()), ct);
}
