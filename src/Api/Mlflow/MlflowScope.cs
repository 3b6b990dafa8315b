namespace Platform.Api.Mlflow;

/// <summary>
/// The workspace an MLflow request works in: a workspace token's own workspace, else the caller's only workspace.
/// MLflow's routes carry no workspace, so this is the one place that decides it.
/// </summary>
public sealed record MlflowScope(Guid WorkspaceId, Guid UserId, WorkspaceRole Role, bool IsArchived)
{
    public static async Task<MlflowScope> ResolveAsync(HttpContext http, PlatformDb db, bool write)
    {
        if (http.User.Identity?.IsAuthenticated != true || http.User.TryUserId() is not { } userId) throw MlflowException.NotSignedIn();
        var only = http.User.TokenWorkspaceId();
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.AcceptedAt != null && (only == null || m.WorkspaceId == only))
            .OrderBy(m => m.WorkspaceId)
            .Select(m => new MlflowScope(m.WorkspaceId, m.UserId, m.Role, m.Workspace!.ArchivedAt != null))
            .Take(2).ToListAsync(http.RequestAborted);
        if (only is not null && memberships.Count == 0)
            throw MlflowException.NotFound("The API token's workspace was not found, or you are no longer a member of it.");
        if (memberships.Count != 1)
            throw MlflowException.InvalidParameter(
                $"This account belongs to {(memberships.Count == 0 ? "no" : "several")} workspaces, so the token does not say which one to log into. "
                + "Create an API token for one workspace (Settings → API tokens) and set MLFLOW_TRACKING_TOKEN to it.");
        var scope = memberships[0];
        if (write) scope.EnsureCanWrite();
        return scope;
    }

    private void EnsureCanWrite()
    {
        if (Role < WorkspaceRole.Member)
            throw MlflowException.Denied($"Logging needs the Member role or higher in the workspace; you are {Role}.");
        if (IsArchived) throw MlflowException.Denied("The workspace is archived; it is read-only.");
    }
}
