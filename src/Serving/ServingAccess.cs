using System.Security.Claims;

namespace Platform.Serving;

/// <summary>
/// Who may call an endpoint: an application with one of its keys (X-Endpoint-Key, or a bearer token starting with
/// pek_), or a signed-in member of its workspace (the portal's try-it panel). Valid keys are cached (<see cref="EndpointKeyCache"/>). Anyone else gets 401, or 404 for an
/// endpoint of another workspace, so a stranger cannot learn which endpoints exist.
/// </summary>
public static class ServingAccess
{
    private const string TokenWorkspaceClaim = "platform:token_workspace";

    /// <summary>The endpoint's id when the caller may use it, or the refusal.</summary>
    public static async Task<(Guid? EndpointId, IResult? Denied)> CheckAsync(HttpContext http, PlatformDb db, EndpointKeyCache keys, ServedModel? served,
        Guid workspaceId, string name, TimeProvider clock, CancellationToken ct)
    {
        if (ReadKey(http.Request) is { } secret)
        {
            var hash = EndpointKey.HashOf(secret);
            if (served is not null && keys.Find(hash) == served.EndpointId) return (served.EndpointId, null);
            var readAt = keys.Generation;
            var key = await db.EndpointKeys.SingleOrDefaultAsync(k => k.SecretHash == hash, ct);
            if (key is null || key.RevokedAt is not null)
                return (null, ServingProblems.Unauthorized("The endpoint key is unknown or revoked."));
            var endpoint = await db.ModelEndpoints.AsNoTracking().Where(e => e.Id == key.EndpointId).Select(e => new { e.WorkspaceId, e.Name }).SingleOrDefaultAsync(ct);
            if (endpoint is null || endpoint.WorkspaceId != workspaceId || endpoint.Name != name) return (null, ServingProblems.NotFound());
            var now = clock.GetUtcNow();
            if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
            {
                key.MarkUsed(now);
                await db.SaveChangesAsync(ct);
            }
            keys.Remember(hash, key.EndpointId, readAt);
            return (key.EndpointId, null);
        }

        if (http.User.Identity?.IsAuthenticated != true || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return (null, ServingProblems.Unauthorized($"Send one of the endpoint's keys in the {EndpointKeys.Header} header."));
        if (http.User.FindFirstValue(TokenWorkspaceClaim) is { } only && only != workspaceId.ToString()) return (null, ServingProblems.NotFound());
        var signedInWithCookie = !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (signedInWithCookie && HttpMethods.IsPost(http.Request.Method) && !http.Request.Headers.ContainsKey(PlatformClient.CsrfHeader))
            return (null, TypedResults.Problem(statusCode: 400, title: "Missing anti-forgery header.",
                detail: $"Requests signed in with a cookie must send the {PlatformClient.CsrfHeader} header."));
        if (!await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct)) return (null, ServingProblems.NotFound());
        var found = await db.ModelEndpoints.AsNoTracking().Where(e => e.WorkspaceId == workspaceId && e.Name == name).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
        return found is null ? (null, ServingProblems.NotFound()) : (found, null);
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(EndpointKeys.Header, out var header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + EndpointKeys.Prefix, StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
