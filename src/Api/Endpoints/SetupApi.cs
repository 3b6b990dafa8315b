using Microsoft.AspNetCore.Identity;

namespace Platform.Api.Endpoints;

/// <summary>A fresh install's first visit creates the first administrator.</summary>
public static class SetupApi
{
    /// <summary>Held while deciding whether an account becomes the first administrator.</summary>
    public const string FirstAdminLock = "first-admin";

    public static IEndpointRouteBuilder MapSetupApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/setup").WithTags("Setup").AllowAnonymous();
        group.MapGet("", GetStatus);
        group.MapPost("/admin", CreateFirstAdmin).RequireRateLimiting(SignInRateLimits.Policy);
        return app;
    }

    private static async Task<Ok<SetupStatusDto>> GetStatus(PlatformDb db, OidcOptions oidc, CancellationToken ct) =>
        TypedResults.Ok(new SetupStatusDto(!await db.Users.AnyAsync(ct), oidc.Enabled, oidc.Enabled ? oidc.DisplayName : null));

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> CreateFirstAdmin(
        CreateFirstAdminRequest request, PlatformDb db, UserManager<User> users, SignInManager<User> signIn,
        DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Email("email", request.Email).Password("password", request.Password)
            .DisplayName("displayName", request.DisplayName);
        if (!validation.IsValid) return validation.Problem();
        // Concurrent first visits must not each find no user and each create an administrator.
        await using var _ = await locks.AcquireAsync(FirstAdminLock, ct);
        if (await db.Users.AnyAsync(ct)) return Problems.Conflict("The first administrator already exists; sign in instead.");

        var result = await UserAccounts.CreateLocalAsync(users, request.Email, request.Password, request.DisplayName, isAdmin: true, clock);
        if (result.Problem is not null) return result.Problem;
        db.Audit(clock, AuditActions.FirstAdminCreated, null, result.User, result.User!.Email);
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(result.User, isPersistent: true);
        return TypedResults.Ok(result.User.ToDto());
    }
}
