namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<WorkspaceDto>> ListWorkspacesAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<WorkspaceDto>>("api/workspaces" + Query(cursor, limit), ct);

    public Task<WorkspaceDto> CreateWorkspaceAsync(CreateWorkspaceRequest request, CancellationToken ct = default) =>
        SendAsync<WorkspaceDto>(HttpMethod.Post, "api/workspaces", request, ct);

    public Task<WorkspaceDto> GetWorkspaceAsync(Guid ws, CancellationToken ct = default) =>
        GetAsync<WorkspaceDto>($"api/workspaces/{ws}", ct);

    public Task<WorkspaceDto> RenameWorkspaceAsync(Guid ws, RenameWorkspaceRequest request, CancellationToken ct = default) =>
        SendAsync<WorkspaceDto>(HttpMethod.Put, $"api/workspaces/{ws}", request, ct);

    public Task<WorkspaceDto> ArchiveWorkspaceAsync(Guid ws, CancellationToken ct = default) =>
        SendAsync<WorkspaceDto>(HttpMethod.Post, $"api/workspaces/{ws}/archive", null, ct);
}
