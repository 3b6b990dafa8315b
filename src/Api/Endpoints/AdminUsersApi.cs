using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Platform.Api.Live;

namespace Platform.Api.Endpoints;

/// <summary>
/// Administrators invite, disable, enable and promote accounts and reset their passwords. Changes to who is an
/// administrator (or enabled) run under one lock, so two administrators cannot together leave none.
/// </summary>
public static class AdminUsersApi
{
    private const string AdminsLock = "admins";

    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("Administration").RequireAuthorization(AuthSchemes.AdminPolicy);
        group.MapGet("", List);
        group.MapPost("", Invite);
        group.MapPost("/{id:guid}/disable", Disable);
        group.MapPost("/{id:guid}/enable", Enable);
        group.MapPut("/{id:guid}/admin", SetAdmin);
        group.MapPost("/{id:guid}/reset-password", ResetPassword);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, PlatformDb db, CancellationToken ct) =>
        db.Users.AsNoTracking().PageAsync(cursor, limit, u => u.Id, newestFirst: false, u => u.ToAdminDto(), ct);

    private static async Task<Results<Created<TemporaryPasswordDto>, ValidationProblem>> Invite(
        InviteUserRequest request, ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Email("email", request.Email).DisplayName("displayName", request.DisplayName);
        if (!validation.IsValid) return validation.Problem();
        var password = PasswordGenerator.Generate();
        var result = await UserAccounts.CreateLocalAsync(users, request.Email, password, request.DisplayName, isAdmin: false, clock);
        if (result.Problem is not null) return result.Problem;
        var actor = await db.Users.FindAsync([principal.UserId()], ct);
        db.Audit(clock, AuditActions.UserCreated, null, actor, result.User!.Email, "invited with a temporary password");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/users/{result.User.Id}", new TemporaryPasswordDto(result.User.ToAdminDto(), password));
    }

    private static async Task<Results<Ok<AdminUserDto>, ProblemHttpResult>> Disable(
        Guid id, ClaimsPrincipal principal, PlatformDb db, DatabaseLocks locks, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        if (id == principal.UserId()) return Problems.Conflict("You cannot disable your own account.");
        await using var _ = await locks.AcquireAsync(AdminsLock, ct);
        if (await NoLongerAdminAsync(db, principal, ct) is { } refused) return refused;
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) is not { } user) return Problems.NotFound("The account");
        if (user.IsAdmin && !await OtherAdminsExistAsync(db, id, ct))
            return Problems.Conflict("The last enabled administrator cannot be disabled.");
        user.Disable(clock.GetUtcNow());
        user.SecurityStamp = NewStamp();
        await SaveAsync(db, principal, clock, AuditActions.UserDisabled, user, null, ct);
        await events.SessionsEndedAsync(user.Id, null, clock, ct);
        return TypedResults.Ok(user.ToAdminDto());
    }

    private static async Task<Results<Ok<AdminUserDto>, ProblemHttpResult>> Enable(
        Guid id, ClaimsPrincipal principal, PlatformDb db, DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        await using var _ = await locks.AcquireAsync(AdminsLock, ct);
        if (await NoLongerAdminAsync(db, principal, ct) is { } refused) return refused;
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) is not { } user) return Problems.NotFound("The account");
        user.Enable();
        await SaveAsync(db, principal, clock, AuditActions.UserEnabled, user, null, ct);
        return TypedResults.Ok(user.ToAdminDto());
    }

    private static async Task<Results<Ok<AdminUserDto>, ProblemHttpResult>> SetAdmin(
        Guid id, SetAdminRequest request, ClaimsPrincipal principal, PlatformDb db, DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        if (!request.IsAdmin && id == principal.UserId())
            return Problems.Conflict("You cannot remove your own administrator right; ask another administrator.");
        await using var _ = await locks.AcquireAsync(AdminsLock, ct);
        if (await NoLongerAdminAsync(db, principal, ct) is { } refused) return refused;
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) is not { } user) return Problems.NotFound("The account");
        if (request.IsAdmin) user.GrantAdmin();
        else
        {
            if (!await OtherAdminsExistAsync(db, id, ct)) return Problems.Conflict("The last enabled administrator cannot lose the administrator right.");
            user.RevokeAdmin();
        }
        await SaveAsync(db, principal, clock, request.IsAdmin ? AuditActions.UserMadeAdmin : AuditActions.UserAdminRemoved, user, null, ct);
        return TypedResults.Ok(user.ToAdminDto());
    }

    /// <summary>Sets a new random password, clears a lockout and ends every session of the account.</summary>
    private static async Task<Results<Ok<TemporaryPasswordDto>, ProblemHttpResult>> ResetPassword(
        Guid id, ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) is not { } user) return Problems.NotFound("The account");
        if (user.ExternalProvider is not null)
            return Problems.Conflict("This account signs in with single sign-on; its password is kept by the provider.");
        var password = PasswordGenerator.Generate();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.SecurityStamp = NewStamp();
        await SaveAsync(db, principal, clock, AuditActions.UserPasswordReset, user, null, ct);
        await events.SessionsEndedAsync(user.Id, null, clock, ct);
        return TypedResults.Ok(new TemporaryPasswordDto(user.ToAdminDto(), password));
    }

    /// <summary>
    /// The policy let the caller in before the lock; another administrator may have removed their right (or disabled
    /// them) while this request waited, so two administrators cannot demote each other at the same moment.
    /// </summary>
    private static async Task<ProblemHttpResult?> NoLongerAdminAsync(PlatformDb db, ClaimsPrincipal principal, CancellationToken ct)
    {
        var actorId = principal.UserId();
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == actorId && u.IsAdmin && u.DisabledAt == null, ct)
            ? null
            : Problems.Forbidden("You are no longer an administrator.");
    }

    private static Task<bool> OtherAdminsExistAsync(PlatformDb db, Guid except, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != except && u.IsAdmin && u.DisabledAt == null, ct);

    private static async Task SaveAsync(PlatformDb db, ClaimsPrincipal principal, TimeProvider clock, string action, User target, string? detail, CancellationToken ct)
    {
        var actor = await db.Users.FindAsync([principal.UserId()], ct);
        db.Audit(clock, action, null, actor, target.Email, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new security stamp: cookies issued with the old one are refused from the next request on.</summary>
    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
