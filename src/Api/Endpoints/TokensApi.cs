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
        return db.ApiTokens.AsNoTracking().Include(t => t.Workspace).Where(t => t.UserId == userId)
            .PageAsync(cursor, limit, t => t.Id, newestFirst: true, t => t.ToDto(), ct);
    }

    private static async Task<Results<Created<CreatedApiTokenDto>, ValidationProblem>> Create(
        CreateApiTokenRequest request, ClaimsPrincipal principal, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name, 80, "Name");
        if (request.ExpiresInDays is < 1 or > 365) validation.Add("expiresInDays", "Expiry must be between 1 and 365 days.");
        // A workspace token must not mint a token that reaches further than itself.
        if (principal.TokenWorkspaceId() is { } only && request.WorkspaceId != only)
            validation.Add("workspaceId", "A workspace token can only create tokens for its own workspace.");
        Workspace? workspace = null;
        if (request.WorkspaceId is { } workspaceId)
        {
            var userId = principal.UserId();
            workspace = await db.Memberships.Where(m => m.WorkspaceId == workspaceId && m.UserId == userId && m.AcceptedAt != null)
                .Select(m => m.Workspace).SingleOrDefaultAsync(ct);
            if (workspace is null) validation.Add("workspaceId", "Choose a workspace you are a member of.");
        }
        if (!validation.IsValid) return validation.Problem();

        var user = await db.Users.SingleAsync(u => u.Id == principal.UserId(), ct);
        var secret = TokenSecrets.NewSecret();
        var now = clock.GetUtcNow();
        var token = new ApiToken(user.Id, request.Name.Trim(), TokenSecrets.DisplayPrefix(secret), TokenSecrets.Hash(secret), now, now.AddDays(request.ExpiresInDays), workspace?.Id);
        db.ApiTokens.Add(token);
        db.Audit(clock, AuditActions.TokenCreated, workspace?.Id, user, token.Name, token.Prefix);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedApiTokenDto(token.ToDto() with { WorkspaceName = workspace?.Name }, secret));
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
