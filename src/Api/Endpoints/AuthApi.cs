using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Platform.Api.Endpoints;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignIn).AllowAnonymous();
        group.MapPost("/sign-out", SignOut).RequireAuthorization();
        group.MapGet("/me", Me).RequireAuthorization();
        group.MapGet("/oidc/challenge", OidcChallenge).AllowAnonymous();
        group.MapGet("/oidc/complete", OidcComplete).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, PlatformDb db, UserManager<User> users, SignInManager<User> signIn, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("email", request.Email, 256, "Email").Require("password", request.Password, 128, "Password");
        if (!validation.IsValid) return validation.Problem();
        var user = await users.FindByEmailAsync(request.Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, request.Password, isPersistent: true, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), AuditActions.SignInFailed, null, user?.Id, request.Email.Trim(), null,
                result.IsLockedOut ? "locked out" : "wrong email or password"));
            await db.SaveChangesAsync(ct);
            return result.IsLockedOut
                ? TypedResults.Problem(statusCode: 401, title: "Account locked.", detail: "Too many failed attempts; try again in a few minutes.")
                : TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: "The email or password is not correct.");
        }
        db.Audit(clock, AuditActions.SignIn, null, user, user!.Email, "password");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(user.ToDto());
    }

    private static async Task<NoContent> SignOut(ClaimsPrincipal principal, PlatformDb db, SignInManager<User> signIn, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FindAsync([principal.UserId()], ct);
        await signIn.SignOutAsync();
        db.Audit(clock, AuditActions.SignOut, null, user, user?.Email);
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
        HttpContext http, PlatformDb db, UserManager<User> users, SignInManager<User> signIn, TimeProvider clock, CancellationToken ct)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var email = external.Principal?.FindFirstValue("email") ?? external.Principal?.FindFirstValue(ClaimTypes.Email);
        // An address the provider itself marks unverified could take over the local account that has it.
        var unverified = string.Equals(external.Principal?.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
        if (!external.Succeeded || string.IsNullOrWhiteSpace(email) || unverified)
            return TypedResults.Problem(statusCode: 401, title: "Single sign-on failed.", detail: "The provider did not return a verified email address.");
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
        await signIn.SignInAsync(user, isPersistent: true);
        db.Audit(clock, AuditActions.SignIn, null, user, email, "single sign-on");
        await db.SaveChangesAsync(ct);
        return TypedResults.Redirect("/");
    }
}
