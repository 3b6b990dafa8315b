using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Platform.Api.Live;

/// <summary>
/// Browsers join a workspace's group to receive all its events, or one resource's group (a run, an import) to
/// receive only that resource's events. Joining is authorized like the API: members only, else "not found".
/// </summary>
[Authorize]
public sealed class LiveHub(PlatformDb db) : Hub
{
    public const string EveryoneGroup = "everyone";

    public static string WorkspaceGroup(Guid workspaceId) => $"ws:{workspaceId}";

    public static string ResourceGroup(Guid workspaceId, string resourceId) => $"ws:{workspaceId}:{resourceId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, EveryoneGroup);
        await base.OnConnectedAsync();
    }

    public async Task JoinWorkspace(Guid workspaceId)
    {
        await EnsureMemberAsync(workspaceId);
        await Groups.AddToGroupAsync(Context.ConnectionId, WorkspaceGroup(workspaceId));
    }

    public Task LeaveWorkspace(Guid workspaceId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, WorkspaceGroup(workspaceId));

    public async Task JoinResource(Guid workspaceId, string resourceId)
    {
        if (string.IsNullOrWhiteSpace(resourceId) || resourceId.Length > 64) throw new HubException("The resource id is not valid.");
        await EnsureMemberAsync(workspaceId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ResourceGroup(workspaceId, resourceId));
    }

    public Task LeaveResource(Guid workspaceId, string resourceId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ResourceGroup(workspaceId, resourceId));

    private async Task EnsureMemberAsync(Guid workspaceId)
    {
        var userId = Context.User!.UserId();
        if (!await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId))
            throw new HubException("The workspace was not found.");
    }
}
