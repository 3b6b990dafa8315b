using System.Security.Claims;
using Platform.Api.Live;

namespace Platform.Api.Endpoints;

/// <summary>Personal API tokens of the signed-in user: shown once, stored hashed, expiring, revocable.</summary>
public static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("API tokens").RequireAuthorization();
        group.MapGet("", List);
        group.MapPost("", Create);
        group.MapDelete("/{id:guid}", Revoke);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, ClaimsPrincipal principal, PlatformDb db, CancellationToken ct)
    {
        var userId = principal.UserId();
        return db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .PageAsync(cursor, limit, t => t.Id, newestFirst: true, t => t.ToDto(), ct);
    }

    private static async Task<Results<Created<CreatedApiTokenDto>, ValidationProblem>> Create(
        CreateApiTokenRequest request, ClaimsPrincipal principal, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name, 80, "Name");
        if (request.ExpiresInDays is < 1 or > 365) validation.Add("expiresInDays", "Expiry must be between 1 and 365 days.");
        if (!validation.IsValid) return validation.Problem();

        var user = await db.Users.SingleAsync(u => u.Id == principal.UserId(), ct);
        var secret = TokenSecrets.NewSecret();
        var now = clock.GetUtcNow();
        var token = new ApiToken(user.Id, request.Name.Trim(), TokenSecrets.DisplayPrefix(secret), TokenSecrets.Hash(secret), now, now.AddDays(request.ExpiresInDays));
        db.ApiTokens.Add(token);
        db.Audit(clock, AuditActions.TokenCreated, null, user, token.Name, token.Prefix);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedApiTokenDto(token.ToDto(), secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, ClaimsPrincipal principal, PlatformDb db, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.UserId();
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null) return Problems.NotFound("The token");
        token.Revoke(clock.GetUtcNow());
        db.Audit(clock, AuditActions.TokenRevoked, null, token.User, token.Name, token.Prefix);
        await db.SaveChangesAsync(ct);
        await events.SessionsEndedAsync(userId, token.Id, clock, ct);
        return TypedResults.NoContent();
    }
}
