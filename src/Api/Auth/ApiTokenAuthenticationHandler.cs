using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Api.Auth;

/// <summary>Bearer personal tokens for scripts and the CLI; SignalR passes them as access_token on /hubs.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PlatformDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret();
        if (secret is null) return AuthenticateResult.NoResult();
        var hash = TokenSecrets.Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        // Password lockout does not apply: a token is its own credential, and failed password attempts by someone
        // else must not stop a person's scripts.
        if (token?.User is null || !token.IsUsableAt(now))
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        if (token.User.IsDisabled) return AuthenticateResult.Fail("The account is disabled.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()),
            new Claim(ClaimTypes.Email, token.User.Email ?? ""),
            new Claim(Live.LiveConnections.TokenIdClaim, token.Id.ToString()),
        ];
        if (token.WorkspaceId is { } workspaceId) claims.Add(new Claim(ClaimsExtensions.TokenWorkspaceClaim, workspaceId.ToString()));
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        return Task.CompletedTask;
    }

    private string? ReadSecret()
    {
        string? header = Request.Headers.Authorization;
        if (header?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true) return header[7..].Trim();
        if (Request.Path.StartsWithSegments("/hubs") && Request.Query.TryGetValue("access_token", out var q)) return q.ToString();
        return null;
    }
}
