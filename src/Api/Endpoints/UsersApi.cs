using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Platform.Api.Endpoints;

/// <summary>Administrators manage local accounts.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AuthSchemes.AdminPolicy);
        group.MapGet("", List);
        group.MapPost("", Create);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, PlatformDb db, CancellationToken ct) =>
        db.Users.AsNoTracking().PageAsync(cursor, limit, u => u.Id, newestFirst: false, u => u.ToDto(), ct);

    private static async Task<Results<Created<UserDto>, ValidationProblem>> Create(
        RegisterUserRequest request, ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Email("email", request.Email).Password("password", request.Password)
            .DisplayName("displayName", request.DisplayName);
        if (!validation.IsValid) return validation.Problem();
        var result = await UserAccounts.CreateLocalAsync(users, request.Email, request.Password, request.DisplayName, isAdmin: false, clock);
        if (result.Problem is not null) return result.Problem;
        var actor = await db.Users.FindAsync([principal.UserId()], ct);
        db.Audit(clock, AuditActions.UserCreated, null, actor, result.User!.Email);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{result.User.Id}", result.User.ToDto());
    }
}
