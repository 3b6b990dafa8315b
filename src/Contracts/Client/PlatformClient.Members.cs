namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<MemberDto>> ListMembersAsync(Guid ws, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<MemberDto>>($"api/workspaces/{ws}/members" + Query(cursor, limit), ct);

    public Task<MemberDto> AddMemberAsync(Guid ws, AddMemberRequest request, CancellationToken ct = default) =>
        SendAsync<MemberDto>(HttpMethod.Post, $"api/workspaces/{ws}/members", request, ct);

    public Task<MemberDto> ChangeMemberRoleAsync(Guid ws, Guid userId, ChangeMemberRoleRequest request, CancellationToken ct = default) =>
        SendAsync<MemberDto>(HttpMethod.Put, $"api/workspaces/{ws}/members/{userId}", request, ct);

    public Task RemoveMemberAsync(Guid ws, Guid userId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/members/{userId}", null, ct);

    /// <summary>The invitations waiting for this account's answer.</summary>
    public Task<Page<InvitationDto>> ListInvitationsAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<InvitationDto>>("api/invitations" + Query(cursor, limit), ct);

    public Task<WorkspaceDto> AcceptInvitationAsync(Guid ws, CancellationToken ct = default) =>
        SendAsync<WorkspaceDto>(HttpMethod.Post, $"api/invitations/{ws}/accept", null, ct);

    public Task DeclineInvitationAsync(Guid ws, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/invitations/{ws}", null, ct);

    public Task<Page<AuditEventDto>> ListAuditAsync(Guid ws, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<AuditEventDto>>($"api/workspaces/{ws}/audit" + Query(cursor, limit), ct);
}
