using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Platform.Api.Live;

/// <summary>Browsers join a workspace's group to receive its events; joining is authorized like the API (members only).</summary>
[Authorize]
public sealed class LiveHub(PlatformDb db) : Hub
{
    public const string EveryoneGroup = "everyone";

    public static string WorkspaceGroup(Guid workspaceId) => $"ws:{workspaceId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, EveryoneGroup);
        await base.OnConnectedAsync();
    }

    public async Task JoinWorkspace(Guid workspaceId)
    {
        var userId = Context.User!.UserId();
        if (!await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId))
            throw new HubException("The workspace was not found.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WorkspaceGroup(workspaceId));
    }

    public Task LeaveWorkspace(Guid workspaceId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, WorkspaceGroup(workspaceId));
}
