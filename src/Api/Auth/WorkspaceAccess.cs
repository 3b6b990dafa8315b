using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Auth;

/// <summary>
/// The one authorization path for everything under /api/workspaces/{workspaceId}: the caller must be a member
/// (else 404, so a workspace's existence does not leak), hold the endpoint's minimum role (else 403), and
/// may not change anything in an archived workspace (409).
/// </summary>
public static class WorkspaceAccess
{
    public const string RouteParameter = "workspaceId";
    private static readonly object ItemKey = new();

    public static RouteGroupBuilder MapWorkspaceGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup($"/api/workspaces/{{{RouteParameter}:guid}}")
            .RequireAuthorization()
            .WithMetadata(new WorkspaceScoped());

    /// <summary>Declares the lowest role allowed to call this endpoint (default: Viewer).</summary>
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new WorkspaceRoleRequirement(role));

    /// <summary>Runs after authorization and before the endpoint (and its parameter binding).</summary>
    public static IApplicationBuilder UseWorkspaceAccess(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<WorkspaceScoped>() is null) { await next(http); return; }
        var refusal = await CheckAsync(http, endpoint);
        if (refusal is null) await next(http);
        else await refusal.ExecuteAsync(http);
    });

    internal static WorkspaceMember Current(HttpContext http) =>
        http.Items[ItemKey] as WorkspaceMember ?? throw new InvalidOperationException("No workspace membership on this request.");

    private static async Task<IResult?> CheckAsync(HttpContext http, Endpoint endpoint)
    {
        if (!Guid.TryParse(http.GetRouteValue(RouteParameter)?.ToString(), out var workspaceId) || http.User.TryUserId() is not { } userId
            || !http.User.MayReach(workspaceId))
            return Problems.NotFound("The workspace");
        var db = http.RequestServices.GetRequiredService<PlatformDb>();
        var member = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.UserId == userId && m.AcceptedAt != null)
            .Select(m => new WorkspaceMember(m.WorkspaceId, m.UserId, m.Role, m.Workspace!.ArchivedAt != null))
            .SingleOrDefaultAsync(http.RequestAborted);
        if (member is null) return Problems.NotFound("The workspace");

        var needed = endpoint.Metadata.GetMetadata<WorkspaceRoleRequirement>()?.Role ?? WorkspaceRole.Viewer;
        if (member.Role < needed) return Problems.Forbidden($"This needs the {needed} role or higher in the workspace; you are {member.Role}.");
        var writes = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        if (member.IsArchived && writes) return Problems.Conflict("The workspace is archived; it is read-only.");
        http.Items[ItemKey] = member;
        return null;
    }
}

public sealed record WorkspaceScoped;

public sealed record WorkspaceRoleRequirement(WorkspaceRole Role);

/// <summary>The caller's membership in the route's workspace, already checked by <see cref="WorkspaceAccess"/>.</summary>
public sealed record WorkspaceMember(Guid WorkspaceId, Guid UserId, WorkspaceRole Role, bool IsArchived)
{
    public static ValueTask<WorkspaceMember?> BindAsync(HttpContext http) => ValueTask.FromResult<WorkspaceMember?>(WorkspaceAccess.Current(http));
}
