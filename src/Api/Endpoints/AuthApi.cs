using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.Api.Live;

namespace Platform.Api.Endpoints;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(SignInRateLimits.Policy);
        group.MapPost("/sign-out", SignOut).RequireAuthorization();
        group.MapPost("/password", ChangePassword).RequireAuthorization();
        group.MapGet("/me", Me).RequireAuthorization();
        group.MapGet("/oidc/challenge", OidcChallenge).AllowAnonymous();
        group.MapGet("/oidc/complete", OidcComplete).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, PlatformDb db, UserManager<User> users, SignInManager<User> signIn, SignInGuard guard,
        IOptions<IdentityOptions> identity, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("email", request.Email, 256, "Email").Require("password", request.Password, 128, "Password");
        if (!validation.IsValid) return validation.Problem();
        var email = request.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var lockout = identity.Value.Lockout;
        bool succeeded, lockedOut;
        if (user is null)
        {
            // An unknown email costs the same hash work and locks after as many tries as a real account.
            guard.SpendPasswordCheck(request.Password);
            (succeeded, lockedOut) = (false, guard.FailUnknown(email, lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan));
        }
        else if (user.IsDisabled)
        {
            // The password is checked (and counts towards lockout) but no session is issued; only someone who knows
            // it learns that the account is disabled.
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
            if (result.IsLockedOut) guard.SpendPasswordCheck(request.Password);
            if (result.Succeeded)
            {
                db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), AuditActions.SignInFailed, null, user.Id, email, null, "account disabled"));
                await db.SaveChangesAsync(ct);
                return TypedResults.Problem(statusCode: 401, title: "Account disabled.",
                    detail: "This account has been disabled; ask an administrator to enable it.");
            }
            (succeeded, lockedOut) = (false, result.IsLockedOut);
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: true, lockoutOnFailure: true);
            // A locked account is refused before its password is checked: spend that time anyway.
            if (result.IsLockedOut) guard.SpendPasswordCheck(request.Password);
            (succeeded, lockedOut) = (result.Succeeded, result.IsLockedOut);
        }
        if (!succeeded)
        {
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), AuditActions.SignInFailed, null, user?.Id, email, null,
                lockedOut ? "locked out" : "wrong email or password"));
            await db.SaveChangesAsync(ct);
            return lockedOut
                ? TypedResults.Problem(statusCode: 401, title: "Account locked.",
                    detail: $"Too many failed attempts; try again in {lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes.")
                : TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: "The email or password is not correct.");
        }
        db.Audit(clock, AuditActions.SignIn, null, user, user!.Email, "password");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(user.ToDto());
    }

    /// <summary>Ends this session and every other session of the account: the cookie's security stamp changes.</summary>
    private static async Task<NoContent> SignOut(
        ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, SignInManager<User> signIn, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FindAsync([principal.UserId()], ct);
        await signIn.SignOutAsync();
        if (user is not null) await users.UpdateSecurityStampAsync(user);
        db.Audit(clock, AuditActions.SignOut, null, user, user?.Email);
        await db.SaveChangesAsync(ct);
        if (user is not null) await events.SessionsEndedAsync(user.Id, null, clock, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Local accounts change their password; other sessions end (new security stamp), this one continues.</summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, SignInManager<User> signIn,
        IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("currentPassword", request.CurrentPassword, 128, "Current password").Password("newPassword", request.NewPassword);
        if (!validation.IsValid) return validation.Problem();
        var user = await users.FindByIdAsync(principal.UserId().ToString());
        if (user is null) return Problems.NotFound("The account");
        if (user.ExternalProvider is not null) return Problems.Conflict("This account signs in with single sign-on; change the password at the provider.");
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var problems = new Validation();
            foreach (var error in result.Errors)
                problems.Add(error.Code == "PasswordMismatch" ? "currentPassword" : "newPassword",
                    error.Code == "PasswordMismatch" ? "The current password is not correct." : error.Description);
            return problems.Problem();
        }
        await events.SessionsEndedAsync(user.Id, null, clock, ct);
        if (principal.FindFirst(LiveConnections.TokenIdClaim) is null) await signIn.SignInAsync(user, isPersistent: true);
        db.Audit(clock, AuditActions.PasswordChanged, null, user, user.Email);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserDto>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, PlatformDb db, CancellationToken ct) =>
        await db.Users.FindAsync([principal.UserId()], ct) is { } user ? TypedResults.Ok(user.ToDto()) : TypedResults.Unauthorized();

    private static Results<ChallengeHttpResult, ProblemHttpResult> OidcChallenge(OidcOptions oidc) => oidc.Enabled
        ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/api/auth/oidc/complete" }, [AuthSchemes.Oidc])
        : Problems.NotFound("Single sign-on");

    /// <summary>After the provider: find or create the account by email, then sign in with the normal cookie.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OidcComplete(
        HttpContext http, PlatformDb db, UserManager<User> users, SignInManager<User> signIn, DatabaseLocks locks, TimeProvider clock, CancellationToken ct)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var email = external.Principal?.FindFirstValue("email") ?? external.Principal?.FindFirstValue(ClaimTypes.Email);
        // An address the provider itself marks unverified could take over the local account that has it.
        var unverified = string.Equals(external.Principal?.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
        if (!external.Succeeded || string.IsNullOrWhiteSpace(email) || unverified)
            return TypedResults.Problem(statusCode: 401, title: "Single sign-on failed.", detail: "The provider did not return a verified email address.");
        // The first account of a fresh install becomes administrator: decide that under the setup lock.
        await using var setupLock = await locks.AcquireAsync(SetupApi.FirstAdminLock, ct);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User
            {
                Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true,
                DisplayName = external.Principal!.FindFirstValue("name") ?? email.Split('@')[0],
                CreatedAt = clock.GetUtcNow(), ExternalProvider = AuthSchemes.Oidc,
                IsAdmin = !await db.Users.AnyAsync(ct),
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return TypedResults.Problem(statusCode: 409, title: "Account not created.", detail: string.Join(" ", created.Errors.Select(e => e.Description)));
            db.Audit(clock, AuditActions.UserCreated, null, user, email, "single sign-on");
        }
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (user.IsDisabled)
        {
            db.Audit(clock, AuditActions.SignInFailed, null, user, email, "single sign-on; account disabled");
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 403, title: "Account disabled.", detail: "This account has been disabled; ask an administrator to enable it.");
        }
        await signIn.SignInAsync(user, isPersistent: true);
        db.Audit(clock, AuditActions.SignIn, null, user, email, "single sign-on");
        await db.SaveChangesAsync(ct);
        return TypedResults.Redirect("/");
    }
}
