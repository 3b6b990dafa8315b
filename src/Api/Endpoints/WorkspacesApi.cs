using System.Security.Claims;

namespace Platform.Api.Endpoints;

public static class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/workspaces").WithTags("Workspaces").RequireAuthorization();
        mine.MapGet("", List);
        mine.MapPost("", Create);

        var one = app.MapWorkspaceGroup().WithTags("Workspaces");
        one.MapGet("", Get);
        one.MapPut("", Rename).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        one.MapPost("/archive", Archive).RequireWorkspaceRole(WorkspaceRole.Owner);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, ClaimsPrincipal principal, PlatformDb db, CancellationToken ct)
    {
        var userId = principal.UserId();
        var only = principal.TokenWorkspaceId();
        return db.Memberships.AsNoTracking().Include(m => m.Workspace).Where(m => m.UserId == userId && m.AcceptedAt != null)
            .Where(m => only == null || m.WorkspaceId == only)
            .PageAsync(cursor, limit, m => m.WorkspaceId, newestFirst: false, m => m.Workspace!.ToDto(m.Role), ct);
    }

    private static async Task<Results<Created<WorkspaceDto>, ValidationProblem>> Create(
        CreateWorkspaceRequest request, ClaimsPrincipal principal, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name, Workspace.MaxNameLength, "Name");
        if (!validation.IsValid) return validation.Problem();
        var user = await db.Users.SingleAsync(u => u.Id == principal.UserId(), ct);
        var workspace = new Workspace(request.Name.Trim(), clock.GetUtcNow());
        db.Workspaces.Add(workspace);
        db.Memberships.Add(new Membership(workspace.Id, user.Id, WorkspaceRole.Owner, clock.GetUtcNow()));
        db.Audit(clock, AuditActions.WorkspaceCreated, workspace.Id, user, workspace.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/workspaces/{workspace.Id}", workspace.ToDto(WorkspaceRole.Owner));
    }

    private static async Task<Ok<WorkspaceDto>> Get(WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == member.WorkspaceId, ct)).ToDto(member.Role));

    private static async Task<Results<Ok<WorkspaceDto>, ValidationProblem>> Rename(
        RenameWorkspaceRequest request, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name, Workspace.MaxNameLength, "Name");
        if (!validation.IsValid) return validation.Problem();
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == member.WorkspaceId, ct);
        var old = workspace.Name;
        workspace.Rename(request.Name.Trim());
        db.Audit(clock, AuditActions.WorkspaceRenamed, workspace.Id, await db.Users.FindAsync([member.UserId], ct), workspace.Name, $"from '{old}'");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(workspace.ToDto(member.Role));
    }

    private static async Task<Ok<WorkspaceDto>> Archive(WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == member.WorkspaceId, ct);
        workspace.Archive(clock.GetUtcNow());
        db.Audit(clock, AuditActions.WorkspaceArchived, workspace.Id, await db.Users.FindAsync([member.UserId], ct), workspace.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(workspace.ToDto(member.Role));
    }
}
