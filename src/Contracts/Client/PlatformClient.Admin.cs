namespace Platform.Contracts;

/// <summary>The administrator area: accounts, workspaces' storage, job queues and the server (administrators only).</summary>
public sealed partial class PlatformClient
{
    public Task<Page<AdminUserDto>> ListAdminUsersAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<AdminUserDto>>("api/admin/users" + Query(cursor, limit), ct);

    public Task<TemporaryPasswordDto> InviteUserAsync(InviteUserRequest request, CancellationToken ct = default) =>
        SendAsync<TemporaryPasswordDto>(HttpMethod.Post, "api/admin/users", request, ct);

    /// <summary>Disables the account: it cannot sign in, and its sessions and API tokens stop working at once.</summary>
    public Task<AdminUserDto> DisableUserAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<AdminUserDto>(HttpMethod.Post, $"api/admin/users/{id}/disable", null, ct);

    public Task<AdminUserDto> EnableUserAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<AdminUserDto>(HttpMethod.Post, $"api/admin/users/{id}/enable", null, ct);

    public Task<AdminUserDto> SetAdminAsync(Guid id, bool isAdmin, CancellationToken ct = default) =>
        SendAsync<AdminUserDto>(HttpMethod.Put, $"api/admin/users/{id}/admin", new SetAdminRequest(isAdmin), ct);

    /// <summary>Sets a new temporary password (shown once) and ends the account's sessions.</summary>
    public Task<TemporaryPasswordDto> ResetPasswordAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<TemporaryPasswordDto>(HttpMethod.Post, $"api/admin/users/{id}/reset-password", null, ct);

    public Task<Page<AdminWorkspaceDto>> ListAdminWorkspacesAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<AdminWorkspaceDto>>("api/admin/workspaces" + Query(cursor, limit), ct);

    public Task<IReadOnlyList<JobQueueDto>> ListJobQueuesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<JobQueueDto>>("api/admin/queues", ct);

    public Task<ServerInfoDto> GetServerInfoAsync(CancellationToken ct = default) =>
        GetAsync<ServerInfoDto>("api/admin/server", ct);

    /// <summary>Every audit event of the installation, newest first.</summary>
    public Task<Page<AuditEventDto>> ListAllAuditAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<AuditEventDto>>("api/audit" + Query(cursor, limit), ct);
}
