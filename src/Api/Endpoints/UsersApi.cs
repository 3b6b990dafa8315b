using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Auth;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.Storage.Entities;

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

    private static async Task<IResult> List(string? cursor, int? limit, PlatformDb db, CancellationToken ct)
    {
        if (!Cursor.TryDecodeGuid(cursor, out var after)) return Cursor.Invalid();
        var take = Cursor.Limit(limit);
        var query = db.Users.AsNoTracking();
        if (after is { } a) query = query.Where(u => u.Id.CompareTo(a) > 0);
        var rows = await query.OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, u => u.Id.ToString(), u => u.ToDto()));
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem>> Create(
        RegisterUserRequest request, ClaimsPrincipal principal, PlatformDb db, UserManager<User> users, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Email("email", request.Email).Password("password", request.Password);
        if (request.DisplayName is { Length: > 120 }) validation.Add("displayName", "Display name must be at most 120 characters.");
        if (!validation.IsValid) return validation.Problem();
        var result = await UserAccounts.CreateLocalAsync(users, request.Email, request.Password, request.DisplayName, isAdmin: false, clock);
        if (result.Problem is not null) return result.Problem;
        var actor = await db.Users.FindAsync([principal.UserId()], ct);
        db.Audit(clock, AuditActions.UserCreated, null, actor, result.User!.Email);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{result.User.Id}", result.User.ToDto());
    }
}
